// Opens the job queue Custos's store location names: PostgreSQL (pg-boss) for a postgres:// URL, SQLite otherwise.
import { resolve } from 'node:path';
import { openPgBossJobQueue, type PgBossJobQueueOptions } from './pg-boss.js';
import type { JobQueue } from './queue.js';
import { openSqliteJobQueue } from './sqlite.js';

/** Default location of the embedded queue: the store's file, so jobs and the state they act on live together. */
export const DEFAULT_JOBS_FILE = '.custos/custos.db';

/**
 * Opens the job queue at a location read like the store's: `postgres://…` or `postgresql://…` (pg-boss, schema
 * `options.schema`, default `custos_jobs`), `:memory:` for tests, else a SQLite file path or `sqlite:PATH`
 * (default `CUSTOS_STORE`, else `.custos/custos.db`).
 */
export async function openJobQueue(
  location: string = process.env.CUSTOS_STORE ?? DEFAULT_JOBS_FILE,
  options: PgBossJobQueueOptions = {},
): Promise<JobQueue> {
  if (/^postgres(ql)?:\/\//.test(location)) return openPgBossJobQueue(location, options);
  if (location === ':memory:') return openSqliteJobQueue(':memory:', options);
  return openSqliteJobQueue(resolve(location.replace(/^sqlite:/, '')), options);
}
