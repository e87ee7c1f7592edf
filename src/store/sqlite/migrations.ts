// Schema of Custos's SQLite store, as ordered migrations applied once each.
import { REGISTER_TABLES } from '../desk/registers.js';
import {
  DESK_SECRET_TABLES,
  DESK_TABLES,
  OUTBOX_RECIPIENTS_AND_CLAIMS,
  REQUEST_ACTIVITY_COLUMNS,
  STAFF_QUEUE_INDEXES,
  STAFF_TABLES,
} from '../desk/sql.js';

export const SQLITE_MIGRATIONS: readonly { readonly id: number; readonly sql: string }[] = [
  {
    id: 1,
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL,
        plan TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        result TEXT
      );
      CREATE TABLE run_steps (
        run_id TEXT NOT NULL REFERENCES runs(id),
        step_id TEXT NOT NULL,
        intent TEXT,
        done INTEGER NOT NULL DEFAULT 0,
        result TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, step_id)
      );
      CREATE TABLE holds (
        dataset TEXT NOT NULL,
        collection TEXT NOT NULL,
        key TEXT NOT NULL,
        hold TEXT NOT NULL,
        until TEXT NOT NULL,
        run_id TEXT NOT NULL,
        PRIMARY KEY (dataset, collection, key, hold)
      );
      CREATE INDEX holds_until ON holds (until);
    `,
  },
  {
    // Cheaper journal writes: each distinct plan stored once (requests share plans), the per-request resolution beside
    // the run, and the steps' intents and completions appended as one row per journal write instead of one per step.
    // runs.plan now names the plan by digest ('sha256:…'); runs journaled earlier keep the plan itself there.
    id: 2,
    sql: `
      CREATE TABLE plans (
        digest TEXT PRIMARY KEY,
        body TEXT NOT NULL
      );
      ALTER TABLE runs ADD COLUMN resolution TEXT;
      CREATE TABLE run_log (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id),
        kind TEXT NOT NULL CHECK (kind IN ('intents', 'done')),
        body TEXT NOT NULL
      );
      CREATE INDEX run_log_run ON run_log (run_id, id);
      INSERT INTO run_log (run_id, kind, body)
        SELECT run_id, 'intents', json_group_array(json_object('stepId', step_id, 'intent', json(intent)))
        FROM run_steps WHERE intent IS NOT NULL GROUP BY run_id;
      INSERT INTO run_log (run_id, kind, body)
        SELECT run_id, 'done', json_group_array(json_object('stepId', step_id, 'result', json(result)))
        FROM run_steps WHERE done = 1 GROUP BY run_id;
      DROP TABLE run_steps;
    `,
  },
  {
    // A hold may cover a selection of rows, each held from its own timestamp field.
    id: 3,
    sql: `ALTER TABLE holds ADD COLUMN from_field TEXT;`,
  },
  {
    // The rows a store transaction wrote, journaled before it commits ('attempt'), so a replay after a crash between the
    // commit and the journal write reports them. SQLite cannot alter a CHECK constraint: the table is copied.
    id: 4,
    sql: `
      CREATE TABLE run_log_4 (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id),
        kind TEXT NOT NULL CHECK (kind IN ('intents', 'done', 'attempt')),
        body TEXT NOT NULL
      );
      INSERT INTO run_log_4 (id, run_id, kind, body) SELECT id, run_id, kind, body FROM run_log;
      DROP TABLE run_log;
      ALTER TABLE run_log_4 RENAME TO run_log;
      CREATE INDEX run_log_run ON run_log (run_id, id);
    `,
  },
  {
    // A request id is run by one process at a time: its lease, with the owner's token and when it runs out (ms).
    id: 5,
    sql: `
      CREATE TABLE leases (
        request_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    // A legal hold may last until the periods the law imposes expire, with no date: its records have no end (NULL).
    // SQLite cannot drop a NOT NULL constraint: the table is copied.
    id: 6,
    sql: `
      CREATE TABLE holds_6 (
        dataset TEXT NOT NULL,
        collection TEXT NOT NULL,
        key TEXT NOT NULL,
        hold TEXT NOT NULL,
        until TEXT,
        run_id TEXT NOT NULL,
        from_field TEXT,
        PRIMARY KEY (dataset, collection, key, hold)
      );
      INSERT INTO holds_6 (dataset, collection, key, hold, until, run_id, from_field)
        SELECT dataset, collection, key, hold, until, run_id, from_field FROM holds;
      DROP TABLE holds;
      ALTER TABLE holds_6 RENAME TO holds;
      CREATE INDEX holds_until ON holds (until);
    `,
  },
  {
    // Journal records carry the version of their kind (JOURNAL_RECORD_VERSIONS), so a Custos refuses to resume a run a
    // newer one journaled. Records written before are the first version.
    id: 7,
    sql: `
      ALTER TABLE runs ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE run_log ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
    // The request desk: rights requests (a version per save, their transitions), the outbox, staff users, API keys.
    id: 8,
    sql: DESK_TABLES,
  },
  {
    // The desk's secrets: status and download tokens and e-mail codes as hashes, rate counts, sealed identity proofs.
    id: 9,
    sql: DESK_SECRET_TABLES,
  },
  {
    // Staff accounts as the console signs them in: TOTP state on users, console roles, sessions (see STAFF_TABLES).
    id: 10,
    sql: STAFF_TABLES,
  },
  {
    // The registers (K7, K5.4): authority requests, confidentiality incidents and complaints (see REGISTER_TABLES).
    id: 11,
    sql: REGISTER_TABLES,
  },
  {
    // The staff API's queue: requests filtered by channel, the outbox paged newest first and by request.
    id: 12,
    sql: STAFF_QUEUE_INDEXES(`json_extract(body, '$.channel')`),
  },
  {
    // A person's messages found by address whatever its case (K6.3), and queued messages claimed by one sender each.
    id: 13,
    sql: OUTBOX_RECIPIENTS_AND_CLAIMS,
  },
  {
    // The console's dashboard: requests received and closed per week, from columns rather than every body.
    id: 14,
    sql: REQUEST_ACTIVITY_COLUMNS((field) => `json_extract(body, '$.${field}')`),
  },
];
