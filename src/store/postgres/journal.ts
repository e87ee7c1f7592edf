// Run journals in Custos's PostgreSQL store: runs and their step log (intents, attempts, completions), read back checked.
import type pg from 'pg';
import { openedRun, readJournaledRun, type StoredLogEntry } from '../journal-read.js';
import { JOURNAL_RECORD_VERSIONS as VERSION } from '../records.js';
import { serialisePlan } from '../sqlite/plans.js';
import type { Completion, Journal, RunRecord, RunStatus } from '../store.js';
import type { PostgresAccess } from './access.js';
import { registerPostgresHolds } from './holds.js';
import { postgresPlans } from './plans.js';

interface RunRow {
  id: string;
  action: string;
  plan: string;
  body: string | null;
  resolution: string | null;
  status: RunStatus;
  started_at: Date;
  finished_at: Date | null;
  result: string | null;
  version: number;
}

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export function postgresJournal(db: PostgresAccess): Journal {
  const plans = postgresPlans();
  /** Runs `write` in a transaction; the plans it wrote count as stored once it commits. */
  const inTransaction = async <T>(
    doing: string,
    write: (client: pg.PoolClient, wrotePlan: (plan: unknown) => Promise<string>) => Promise<T>,
  ) => {
    const digests: string[] = [];
    const result = await db.inTransaction(doing, (client) =>
      write(client, async (plan) => {
        const digest = await plans.reference(client, plan);
        digests.push(digest);
        return digest;
      }),
    );
    plans.committed(digests);
    return result;
  };
  const appendLog = (client: pg.PoolClient, runId: string, kind: StoredLogEntry['kind'], entries: readonly unknown[]) =>
    client.query('INSERT INTO run_log (run_id, kind, body, version) VALUES ($1, $2, $3, $4)', [
      runId,
      kind,
      JSON.stringify(entries),
      VERSION[kind],
    ]);
  const complete = async (client: pg.PoolClient, runId: string, completion: Completion) => {
    if (completion.steps.length > 0) await appendLog(client, runId, 'done', completion.steps);
    if (completion.holds && completion.holds.length > 0) await registerPostgresHolds(client, completion.holds);
  };

  const readRun = (id: string): Promise<RunRecord | undefined> =>
    db.withClient('read a run from', async (client) => {
      const row = (
        await client.query<RunRow>('SELECT runs.*, plans.body FROM runs LEFT JOIN plans ON plans.digest = runs.plan WHERE id = $1', [id])
      ).rows[0];
      if (!row) return undefined;
      const log = await client.query<StoredLogEntry>('SELECT kind, body, version FROM run_log WHERE run_id = $1 ORDER BY id', [id]);
      return readJournaledRun(
        {
          id: row.id,
          action: row.action,
          plan: row.body ?? row.plan,
          resolution: row.resolution,
          status: row.status,
          startedAt: row.started_at,
          finishedAt: row.finished_at ?? undefined,
          result: row.result,
          version: row.version,
        },
        log.rows,
      );
    });

  return {
    async open(run, intents = []) {
      const created = await inTransaction('open a run in', async (client, reference) => {
        const plan = await reference(run.plan);
        const inserted = await client.query(
          `INSERT INTO runs (id, action, plan, resolution, status, started_at, version) VALUES ($1, $2, $3, $4, 'running', $5, ${VERSION.run})
           ON CONFLICT DO NOTHING`,
          [run.id, run.action, plan, json(run.resolution), run.startedAt],
        );
        if (inserted.rowCount === 1 && intents.length > 0) await appendLog(client, run.id, 'intents', intents);
        return inserted.rowCount === 1;
      });
      const existing = created ? undefined : await readRun(run.id);
      if (existing) return { run: existing, resumed: true };
      return openedRun(run, intents);
    },
    async record(run) {
      const write = async (client: pg.PoolClient, plan: string) =>
        (
          await client.query(
            `INSERT INTO runs (id, action, plan, status, started_at, finished_at, result, version) VALUES ($1, $2, $3, $4, $5, $6, $7, ${VERSION.run})
             ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, resolution = NULL, status = excluded.status,
               started_at = excluded.started_at, finished_at = excluded.finished_at, result = excluded.result, version = excluded.version
             WHERE runs.action = excluded.action`,
            [run.id, run.action, plan, run.status, run.startedAt, run.finishedAt, JSON.stringify(run.result)],
          )
        ).rowCount === 1;
      // A plan already stored leaves one statement to write: it commits by itself (most access requests).
      const { digest } = serialisePlan(run.plan);
      if (plans.written(digest)) return db.withClient('record a run in', (client) => write(client, digest));
      return inTransaction('record a run in', async (client, reference) => write(client, await reference(run.plan)));
    },
    get: readRun,
    async recordIntents(runId, intents) {
      if (intents.length === 0) return;
      await db.withClient('journal intents in', (client) => appendLog(client, runId, 'intents', intents));
    },
    async recordAttempt(runId, attempt, earlier) {
      await db.inTransaction('journal an attempt in', async (client) => {
        if (earlier) await complete(client, runId, earlier);
        if (attempt.length > 0) await appendLog(client, runId, 'attempt', attempt);
      });
    },
    async completeSteps(runId, completion) {
      await db.inTransaction('journal completed steps in', (client) => complete(client, runId, completion));
    },
    async finish(runId, status, result, at, last) {
      await db.inTransaction('end a run in', async (client) => {
        if (last) await complete(client, runId, last);
        await client.query('UPDATE runs SET status = $1, result = $2, finished_at = $3, resolution = NULL WHERE id = $4', [
          status,
          JSON.stringify(result),
          at,
          runId,
        ]);
      });
    },
  };
}
