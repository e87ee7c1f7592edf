// Custos's own persistence: the public face. SQLite embedded by default.
import { resolve } from 'node:path';
import { CustosError } from '../errors.js';
import { openSqliteStore } from './sqlite/store.js';
import type { Store } from './store.js';

export * from './store.js';
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
export { leaseOwner, ownerHasEnded } from './lease-owner.js';

/** Default location of the embedded store, relative to the working directory. */
export const DEFAULT_STORE_FILE = '.custos/custos.db';

/**
 * Opens Custos's store from a location: a file path or `sqlite:PATH` (default `.custos/custos.db`),
 * or `:memory:` for tests.
 */
export function openStore(location: string = process.env.CUSTOS_STORE ?? DEFAULT_STORE_FILE): Store {
  if (location === ':memory:') return openSqliteStore(':memory:');
  if (/^postgres(ql)?:\/\//.test(location)) {
    throw new CustosError({ code: 'config', message: 'a PostgreSQL store is not available yet; use a SQLite file for CUSTOS_STORE' });
  }
  return openSqliteStore(resolve(location.replace(/^sqlite:/, '')));
}
