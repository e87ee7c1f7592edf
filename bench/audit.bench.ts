// Audit benchmark: verifyChain over 1,000,000 SQLite entries, against a hand-written loop hashing the same rows.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, openSqliteAuditLog, verifyChain, type NewAuditEntry } from '../src/audit/index.js';
import { measure, printTable } from './measure.js';

const BATCH = 10_000;

/** Entry `i`: the shapes a request desk writes (a creation, a staff view with counts, a completed run). */
function entry(i: number): NewAuditEntry {
  switch (i % 3) {
    case 0:
      return {
        actor: { kind: 'api-key', id: `key_${i % 7}` },
        action: 'request.created',
        subjects: { request: `req_${i}` },
        details: { channel: 'api' },
      };
    case 1:
      return {
        actor: { kind: 'staff', id: `u_${i % 40}` },
        action: 'person-data.viewed',
        subjects: { request: `req_${i - 1}`, person: `p_${i}` },
        details: { collections: ['crm.people', 'billing.invoices'], rows: i % 50 },
      };
    default:
      return {
        actor: { kind: 'system', id: 'workflow' },
        action: 'request.completed',
        subjects: { request: `req_${i - 2}`, run: `run_${i}` },
        details: { steps: 6 },
      };
  }
}

/** The log file with `count` entries, appended in batches of 10,000 the first time (kept in bench/out/ for later runs). */
async function seededLog(count: number): Promise<string> {
  mkdirSync(join(import.meta.dirname, 'out'), { recursive: true });
  const file = join(import.meta.dirname, 'out', `audit-${count}.db`);
  const log = openSqliteAuditLog(file);
  try {
    let have = (await log.head())?.seq ?? 0;
    if (have < count) console.log(`  appending ${(count - have).toLocaleString('en')} audit entries (first run only)…`);
    while (have < count) {
      const n = Math.min(BATCH, count - have);
      await log.appendAll(Array.from({ length: n }, (_, k) => entry(have + k + 1)));
      have += n;
    }
  } finally {
    await log.close();
  }
  return file;
}

interface Row {
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string;
  action: string;
  subjects: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * The baseline, as a careful developer writes it by hand: one prepared statement iterated over the whole table, each
 * entry's canonical text assembled from the stored columns (subjects and details are stored canonical) and hashed.
 */
function baselineVerify(db: Database.Database): number {
  let prev = GENESIS_HASH;
  let n = 0;
  for (const r of db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq').iterate()) {
    const text = `{"action":${JSON.stringify(r.action)},"actor":{"id":${JSON.stringify(r.actor_id)},"kind":${JSON.stringify(r.actor_kind)}},"at":${JSON.stringify(r.at)},"details":${r.details},"seq":${r.seq},"subjects":${r.subjects}}`;
    const hash = createHash('sha256').update(prev).update(text).digest('hex');
    if (r.seq !== ++n || r.prev_hash !== prev || hash !== r.hash) throw new Error(`baseline: entry ${n} does not verify`);
    prev = hash;
  }
  return n;
}

export async function benchAudit(count = 1_000_000): Promise<void> {
  const file = await seededLog(count);
  const log = openSqliteAuditLog(file);
  const db = new Database(file, { readonly: true });
  try {
    const verify = await measure(
      `verifyChain, ${count.toLocaleString('en')} entries (pages of 5,000)`,
      async () => {
        const result = await verifyChain(log);
        if (!result.ok || result.entries !== count) throw new Error(`verifyChain: ${JSON.stringify(result)}`);
      },
      { runs: 5, warmup: 1 },
    );
    const baseline = await measure('baseline: one prepared statement, SHA-256 per row', () => baselineVerify(db), { runs: 5, warmup: 1 });
    printTable('audit', [verify, baseline], [{ label: 'verifyChain / hand-written loop', value: verify.p50 / baseline.p50 }]);
  } finally {
    db.close();
    await log.close();
  }
}
