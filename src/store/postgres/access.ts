// How the PostgreSQL store's parts reach the database: a client from the pool once the store is ready, or a transaction.
import type pg from 'pg';

export interface PostgresAccess {
  /** Runs `work` on a pooled client once the store is connected and migrated; failures become Custos errors. */
  withClient<T>(doing: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** Like `withClient`, inside one transaction (rolled back when `work` throws). */
  inTransaction<T>(doing: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}
