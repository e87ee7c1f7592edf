// Schema of Custos's SQLite store, as ordered migrations applied once each.

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
];
