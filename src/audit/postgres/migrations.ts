// The audit trail's tables in a PostgreSQL schema, created by `migratePostgresAudit` (Custos's store calls it from its own migrations).
import type pg from 'pg';

/**
 * Ordered, applied once each, tracked in `audit_migrations` of the schema. `audit_lock` holds one row that appenders
 * lock (`FOR UPDATE`) before reading the head, which serialises appends in this schema and only there. A trigger
 * refuses UPDATE, DELETE and TRUNCATE on `audit_log`.
 */
export const POSTGRES_AUDIT_MIGRATIONS: readonly { readonly id: number; readonly sql: string }[] = [
  {
    id: 1,
    sql: `
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at text NOT NULL,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        action text NOT NULL,
        subjects text NOT NULL,
        details text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE TABLE audit_lock (id boolean PRIMARY KEY DEFAULT true CHECK (id));
      INSERT INTO audit_lock DEFAULT VALUES;
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only: entries are never changed or removed'; END $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
    `,
  },
];

/** The few client methods the migration uses: a pg Client or PoolClient. */
export type PostgresAuditClient = Pick<pg.ClientBase, 'query'>;

/**
 * Creates or updates the audit tables in `schema` (created if missing), in one transaction under a transaction-scoped
 * advisory lock named after the schema, so two processes starting at once apply each migration once.
 */
export async function migratePostgresAudit(client: PostgresAuditClient, schema: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('custos-audit-migrate:' || $1))`, [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quote(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS audit_migrations (id integer PRIMARY KEY, applied_at text NOT NULL)');
    const { rows } = await client.query<{ id: number }>('SELECT id FROM audit_migrations');
    const applied = new Set(rows.map((r) => r.id));
    for (const m of POSTGRES_AUDIT_MIGRATIONS) {
      if (applied.has(m.id)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO audit_migrations (id, applied_at) VALUES ($1, $2)', [m.id, new Date().toISOString()]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** A schema name as a quoted identifier (the caller has checked it: see `checkIdentifier`). */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
