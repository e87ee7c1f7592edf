// Legal-hold records in Custos's PostgreSQL store: registered with the run that keeps the rows, read by retention.
import type pg from 'pg';
import type { HoldRecord, HoldRegistry } from '../store.js';
import type { PostgresAccess } from './access.js';

interface HoldRow {
  dataset: string;
  collection: string;
  key: string;
  hold: string;
  /** NULL for a hold without an end (until the legal periods expire). */
  until: string | null;
  run_id: string;
  from_field: string | null;
}

/** Holds per statement: 7 parameters each. */
const HOLDS_PER_STATEMENT = 500;

function toHold(row: HoldRow): HoldRecord {
  const base = { dataset: row.dataset, collection: row.collection, key: row.key, hold: row.hold, runId: row.run_id };
  const hold: HoldRecord = row.until === null ? base : { ...base, until: row.until };
  return row.from_field === null ? hold : { ...hold, from: row.from_field };
}

/**
 * Registers holds (inside a journal transaction); a hold registered again (the same rows under the same hold) takes
 * the later end and run. PostgreSQL refuses to update one row twice in a statement, so a hold named twice in one write
 * is kept once, with its later values.
 */
export async function registerPostgresHolds(client: pg.PoolClient, records: readonly HoldRecord[]): Promise<void> {
  const latest = new Map<string, HoldRecord>();
  for (const h of records) {
    const id = JSON.stringify([h.dataset, h.collection, h.key, h.hold]);
    latest.delete(id);
    latest.set(id, h);
  }
  const unique = [...latest.values()];
  for (let start = 0; start < unique.length; start += HOLDS_PER_STATEMENT) {
    const chunk = unique.slice(start, start + HOLDS_PER_STATEMENT);
    const marks = chunk.map((_, r) => `(${Array.from({ length: 7 }, (_, c) => `$${r * 7 + c + 1}`).join(', ')})`);
    await client.query(
      `INSERT INTO holds (dataset, collection, key, hold, until, run_id, from_field) VALUES ${marks.join(', ')}
       ON CONFLICT (dataset, collection, key, hold) DO UPDATE SET until = excluded.until, run_id = excluded.run_id, from_field = excluded.from_field`,
      chunk.flatMap((h) => [h.dataset, h.collection, h.key, h.hold, h.until ?? null, h.runId, h.from ?? null]),
    );
  }
}

export function postgresHolds(db: PostgresAccess): HoldRegistry {
  const columns = 'dataset, collection, key, hold, until, run_id, from_field';
  return {
    endingBy: (date) =>
      db.withClient('read the holds of', async (client) => {
        const { rows } = await client.query<HoldRow>(`SELECT ${columns} FROM holds WHERE until <= $1 ORDER BY until, seq`, [
          date.toISOString().slice(0, 10),
        ]);
        return rows.map(toHold);
      }),
    inForce: (date) =>
      db.withClient('read the holds of', async (client) => {
        const { rows } = await client.query<HoldRow>(`SELECT ${columns} FROM holds WHERE until IS NULL OR until > $1 ORDER BY seq`, [
          date.toISOString().slice(0, 10),
        ]);
        return rows.map(toHold);
      }),
    forRun: (runId) =>
      db.withClient('read the holds of', async (client) => {
        const { rows } = await client.query<HoldRow>(`SELECT ${columns} FROM holds WHERE run_id = $1 ORDER BY seq`, [runId]);
        return rows.map(toHold);
      }),
  };
}
