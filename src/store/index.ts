// Custos's own persistence: the public face. SQLite embedded by default.
import { resolve } from 'node:path';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/store.js';
import { openSqliteStore } from './sqlite/store.js';
import type { Store } from './store.js';

export * from './store.js';
export * from './desk/desk.js';
export type { OwnRecordBounds, OwnRecordCounts, OwnRecords } from './desk/own-records.js';
export type { RegisterFilter, RegisterPage, RegisterStore, StoredRegisterEntry } from './desk/registers.js';
export {
  checkJournalRecord,
  damagedRecord,
  JOURNAL_RECORD_KINDS,
  JOURNAL_RECORD_SCHEMAS,
  JOURNAL_RECORD_VERSIONS,
  type JournalRecord,
  type JournalRecordKind,
} from './records.js';
export { openSqliteStore } from './sqlite/store.js';
export { DEFAULT_STORE_SCHEMA, openPostgresStore, type PostgresStoreOptions } from './postgres/store.js';
export { leaseOwner, ownerHasEnded } from './lease-owner.js';

/** Default location of the embedded store, relative to the working directory. */
export const DEFAULT_STORE_FILE = '.custos/custos.db';

/**
 * Opens Custos's store from a location (default `CUSTOS_STORE`, else `.custos/custos.db`): a file path or `sqlite:PATH`,
 * `:memory:` for tests, or `postgres://user@host:5432/db` (tables in schema `custos`, or `?schema=NAME`, or
 * `options.schema`). A PostgreSQL store connects and migrates in the background: await `ready()` to fail at start.
 */
export function openStore(location: string = process.env.CUSTOS_STORE ?? DEFAULT_STORE_FILE, options: PostgresStoreOptions = {}): Store {
  if (location === ':memory:') return openSqliteStore(':memory:');
  if (/^postgres(ql)?:\/\//.test(location)) return openPostgresStore(location, options);
  return openSqliteStore(resolve(location.replace(/^sqlite:/, '')));
}
