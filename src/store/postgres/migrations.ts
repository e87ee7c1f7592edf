// Schema of Custos's PostgreSQL store, as ordered migrations applied once each, in a schema of its own (default `custos`).
import type pg from 'pg';
import { REGISTER_TABLES } from '../desk/registers.js';
import {
  DESK_SECRET_TABLES,
  DESK_TABLES,
  OUTBOX_RECIPIENTS_AND_CLAIMS,
  REQUEST_ACTIVITY_COLUMNS,
  STAFF_QUEUE_INDEXES,
  STAFF_TABLES,
} from '../desk/sql.js';
import { latestMigration, refuseNewerStore } from '../migration-guard.js';

export const POSTGRES_MIGRATIONS: readonly { readonly id: number; readonly sql: string }[] = [
  {
    // The journal as the SQLite store holds it after its seventh migration: shared plans by digest, runs with their
    // resolution, the step log appended one row per journal write, legal holds (an end may be absent), request leases.
    // Lease expiry is the database's clock: processes on hosts whose clocks disagree still agree on when a lease ends.
    id: 1,
    sql: `
      CREATE TABLE plans (
        digest text PRIMARY KEY,
        body text NOT NULL
      );
      CREATE TABLE runs (
        id text PRIMARY KEY,
        action text NOT NULL,
        plan text NOT NULL,
        resolution text,
        status text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        result text,
        version integer NOT NULL DEFAULT 1
      );
      CREATE TABLE run_log (
        id bigserial PRIMARY KEY,
        run_id text NOT NULL REFERENCES runs(id),
        kind text NOT NULL CHECK (kind IN ('intents', 'done', 'attempt')),
        body text NOT NULL,
        version integer NOT NULL DEFAULT 1
      );
      CREATE INDEX run_log_run ON run_log (run_id, id);
      CREATE TABLE holds (
        seq bigserial NOT NULL,
        dataset text NOT NULL,
        collection text NOT NULL,
        key text NOT NULL,
        hold text NOT NULL,
        until text,
        run_id text NOT NULL,
        from_field text,
        PRIMARY KEY (dataset, collection, key, hold)
      );
      CREATE INDEX holds_until ON holds (until);
      CREATE INDEX holds_run ON holds (run_id, seq);
      CREATE TABLE leases (
        request_id text PRIMARY KEY,
        owner text NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `,
  },
  {
    // The request desk: rights requests (a version per save, their transitions), the outbox, staff users, API keys.
    id: 2,
    sql: DESK_TABLES,
  },
  {
    // The desk's secrets: status and download tokens and e-mail codes as hashes, rate counts, sealed identity proofs.
    id: 3,
    sql: DESK_SECRET_TABLES,
  },
  {
    // Staff accounts as the console signs them in: TOTP state on users, console roles, sessions (see STAFF_TABLES).
    id: 4,
    sql: STAFF_TABLES,
  },
  {
    // The registers (K7, K5.4): authority requests, confidentiality incidents and complaints (see REGISTER_TABLES).
    id: 5,
    sql: REGISTER_TABLES,
  },
  {
    // The vault's key ring (src/vault/postgres/key-ring.ts): wrapped data keys beside the store, as the SQLite ring
    // keeps them. A row is live (master id and wrapped key) or a tombstone (destruction time only); one current key per
    // purpose. Times are the vault's ISO 8601 text, so they read back exactly as written. (Id 5 is the registers'.)
    id: 6,
    sql: `
      CREATE TABLE vault_data_keys (
        id text PRIMARY KEY,
        purpose text NOT NULL,
        created_at text NOT NULL,
        is_current boolean NOT NULL DEFAULT false,
        master_id text,
        wrapped bytea,
        destroyed_at text,
        CHECK ((destroyed_at IS NULL AND master_id IS NOT NULL AND wrapped IS NOT NULL)
            OR (destroyed_at IS NOT NULL AND master_id IS NULL AND wrapped IS NULL AND NOT is_current))
      );
      CREATE UNIQUE INDEX vault_data_keys_current ON vault_data_keys (purpose) WHERE is_current;
      CREATE INDEX vault_data_keys_master ON vault_data_keys (master_id, id) WHERE master_id IS NOT NULL;
    `,
  },
  {
    // The staff API's queue: requests filtered by channel, the outbox paged newest first and by request.
    id: 7,
    sql: STAFF_QUEUE_INDEXES(`(body::json)->>'channel'`),
  },
  {
    // A person's messages found by address whatever its case (K6.3), and queued messages claimed by one sender each.
    id: 8,
    sql: OUTBOX_RECIPIENTS_AND_CLAIMS,
  },
  {
    // The console's dashboard: requests received and closed per week, from columns rather than every body.
    id: 9,
    sql: REQUEST_ACTIVITY_COLUMNS((field) => `(body::json)->>'${field}'`),
  },
];

/**
 * Creates or updates the store's tables in `schema` (created if missing), in one transaction under a transaction-scoped
 * advisory lock named after the schema: two processes starting at once apply each migration once. A schema a newer
 * Custos migrated is refused before anything is written.
 */
export async function migratePostgresStore(client: Pick<pg.ClientBase, 'query'>, schema: string, where: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('custos-store-migrate:' || $1))`, [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quote(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
    const { rows } = await client.query<{ id: number }>('SELECT id FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.id));
    refuseNewerStore('postgres', where, Math.max(0, ...applied), latestMigration(POSTGRES_MIGRATIONS));
    for (const m of POSTGRES_MIGRATIONS) {
      if (applied.has(m.id)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, now())', [m.id]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** A schema name as a quoted identifier (checked first: see `checkSchemaName`). */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
