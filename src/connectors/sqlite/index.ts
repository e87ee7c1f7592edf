// The SQLite engine (better-sqlite3): what `openConnector` loads for `kind: sqlite`.
import type { ConnectorEngine } from '../engine.js';
import { openSqlite } from './connector.js';

export const sqliteEngine: ConnectorEngine = { kind: 'sqlite', open: (target) => openSqlite(target) };
export { sqliteFileOfUrl } from './config.js';
