// Legal-hold records in Custos's SQLite store: registered with the run that keeps the rows, read by retention.
import type Database from 'better-sqlite3';
import type { HoldRecord, HoldRegistry } from '../store.js';

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

/** Holds registered per statement: a run keeps a handful; more go in several statements. */
const HOLDS_PER_STATEMENT = 16;

/**
 * An upsert of `rows` holds; a hold registered again (the same rows, under the same hold) takes the later end and run.
 * SQLite inserts the rows in order, so a hold named twice in one statement ends with the later values too.
 */
function holdUpsert(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO holds (dataset, collection, key, hold, until, run_id, from_field) VALUES ${values}
    ON CONFLICT DO UPDATE SET until = excluded.until, run_id = excluded.run_id, from_field = excluded.from_field`;
}

function toHold(row: HoldRow): HoldRecord {
  const base = { dataset: row.dataset, collection: row.collection, key: row.key, hold: row.hold, runId: row.run_id };
  const hold: HoldRecord = row.until === null ? base : { ...base, until: row.until };
  return row.from_field === null ? hold : { ...hold, from: row.from_field };
}

/** The registry, and `register` (called inside a journal transaction). */
export function sqliteHolds(db: Database.Database, live: () => void): HoldRegistry & { register(records: readonly HoldRecord[]): void } {
  const holdsEnding = db.prepare<[string], HoldRow>('SELECT * FROM holds WHERE until <= ? ORDER BY until');
  const holdsInForce = db.prepare<[string], HoldRow>('SELECT * FROM holds WHERE until IS NULL OR until > ? ORDER BY rowid');
  const holdsForRun = db.prepare<[string], HoldRow>('SELECT * FROM holds WHERE run_id = ? ORDER BY rowid');
  /** Upserts of 1…HOLDS_PER_STATEMENT holds in one statement each, prepared on first use. */
  const holdStatements: Database.Statement[] = [];
  return {
    register(records) {
      for (let start = 0; start < records.length; start += HOLDS_PER_STATEMENT) {
        const chunk = records.slice(start, start + HOLDS_PER_STATEMENT);
        const statement = (holdStatements[chunk.length] ??= db.prepare(holdUpsert(chunk.length)));
        statement.run(chunk.flatMap((h) => [h.dataset, h.collection, h.key, h.hold, h.until ?? null, h.runId, h.from ?? null]));
      }
    },
    async endingBy(date) {
      live();
      return holdsEnding.all(date.toISOString().slice(0, 10)).map(toHold);
    },
    async inForce(date) {
      live();
      return holdsInForce.all(date.toISOString().slice(0, 10)).map(toHold);
    },
    async forRun(runId) {
      live();
      return holdsForRun.all(runId).map(toHold);
    },
  };
}
