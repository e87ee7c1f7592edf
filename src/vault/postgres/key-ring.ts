// The key ring on PostgreSQL (pg): its table lives in Custos's store schema, created by the store's migration 6.
import type pg from 'pg';
import { CustosError } from '../../errors.js';
import { checkSchemaName, partPool } from '../../postgres-schema.js';
import { keyOfRow, type KeyRing, type KeyRingRow, type LiveDataKey } from '../key-ring.js';

export interface PostgresKeyRingOptions {
  /** The schema of Custos's store, where `vault_data_keys` is; default `custos`. */
  readonly schema?: string;
}

const COLUMNS = 'id, purpose, created_at, is_current, master_id, wrapped, destroyed_at';

/**
 * Opens the key ring in a PostgreSQL database, from a connection URL (a small pool of its own, ended by `close`) or a
 * pool the caller holds (left open). The table is not created here: Custos's store migrates it (migration 6), so a
 * schema the store never opened is refused with `config`.
 */
export function openPostgresKeyRing(target: string | pg.Pool, options: PostgresKeyRingOptions = {}): KeyRing {
  const schema = options.schema ?? 'custos';
  checkSchemaName(schema, 'key ring');
  const { pool, owned } = partPool(target, { max: 2, connectionTimeoutMillis: 10_000, applicationName: 'custos-vault' });
  const table = `"${schema}".vault_data_keys`;
  let closed = false;

  async function run<T>(doing: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (closed) throw new CustosError({ code: 'closed', message: 'the key ring is closed' });
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw postgresFailure(error, doing, schema);
    }
    try {
      return await work(client);
    } catch (error) {
      throw postgresFailure(error, doing, schema);
    } finally {
      client.release();
    }
  }
  const one = (doing: string, sql: string, params: unknown[]) =>
    run(doing, async (client) => keyOfRow((await client.query<KeyRingRow>(sql, params)).rows[0]));

  return {
    get: (id) => one('read', `SELECT ${COLUMNS} FROM ${table} WHERE id = $1`, [id]),
    current: async (purpose) =>
      (await one('read', `SELECT ${COLUMNS} FROM ${table} WHERE purpose = $1 AND is_current`, [purpose])) as LiveDataKey | undefined,
    add: (key) =>
      run('add a key to', async (client) => {
        await client.query('BEGIN');
        try {
          // One current key per purpose across processes: a second adder waits, then retires the first one's key.
          await client.query(`SELECT pg_advisory_xact_lock(hashtext('custos-vault-current:' || $1))`, [key.purpose]);
          if (key.current) await client.query(`UPDATE ${table} SET is_current = false WHERE purpose = $1 AND is_current`, [key.purpose]);
          await client.query(
            `INSERT INTO ${table} (id, purpose, created_at, is_current, master_id, wrapped) VALUES ($1, $2, $3, $4, $5, $6)`,
            [key.id, key.purpose, key.createdAt, key.current, key.masterId, Buffer.from(key.wrapped)],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    rewrap: (id, fromMasterId, toMasterId, wrapped) =>
      run('re-wrap a key in', async (client) => {
        const result = await client.query(
          `UPDATE ${table} SET master_id = $1, wrapped = $2 WHERE id = $3 AND master_id = $4 AND destroyed_at IS NULL`,
          [toMasterId, Buffer.from(wrapped), id, fromMasterId],
        );
        return result.rowCount === 1;
      }),
    async destroy(id, at) {
      // One statement: the tombstone is written, or the row stays as it was (unknown id, or already destroyed).
      await run('destroy a key in', (client) =>
        client.query(
          `UPDATE ${table} SET master_id = NULL, wrapped = NULL, is_current = false, destroyed_at = $1 WHERE id = $2 AND destroyed_at IS NULL`,
          [at, id],
        ),
      );
      const key = await one('read', `SELECT ${COLUMNS} FROM ${table} WHERE id = $1`, [id]);
      return key?.state === 'destroyed' ? key : undefined;
    },
    wrappedByOthers: (masterId, afterId, limit) =>
      run('read', async (client) => {
        const { rows } = await client.query<KeyRingRow>(
          `SELECT ${COLUMNS} FROM ${table} WHERE master_id IS NOT NULL AND master_id <> $1 AND id > $2 ORDER BY id LIMIT $3`,
          [masterId, afterId, limit],
        );
        return rows.map((row) => keyOfRow(row) as LiveDataKey);
      }),
    census: () =>
      run('read', async (client) => {
        const byMaster = await client.query<{ master_id: string; n: string }>(
          `SELECT master_id, COUNT(*) AS n FROM ${table} WHERE master_id IS NOT NULL GROUP BY master_id ORDER BY master_id`,
        );
        const destroyed = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table} WHERE destroyed_at IS NOT NULL`);
        return {
          byMaster: Object.fromEntries(byMaster.rows.map((r) => [r.master_id, Number(r.n)])),
          destroyed: Number(destroyed.rows[0]!.n),
        };
      }),
    async close() {
      if (closed) return;
      closed = true;
      if (owned) await pool.end();
    },
  };
}

/** Server out of reach → `store-unavailable`; a missing table → `config` (the store was never opened there); else `store-error`. */
function postgresFailure(error: unknown, doing: string, schema: string): CustosError {
  if (error instanceof CustosError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === '23505')
    return new CustosError({ code: 'conflict', message: `could not ${doing} the key ring: a data key with this id already exists` });
  if (code === '42P01' || code === '3F000')
    return new CustosError({
      code: 'config',
      message: `the key ring's table is missing in schema "${schema}": open Custos's store on this schema first (its migrations create it)`,
    });
  const unavailable = /^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code);
  return new CustosError({
    code: unavailable ? 'store-unavailable' : 'store-error',
    message: `could not ${doing} the key ring on PostgreSQL: ${(error as Error).message}`,
    details: code === '' ? {} : { sqlstate: code },
    cause: error,
  });
}
