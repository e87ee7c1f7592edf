// The MySQL/MariaDB engine (mysql2): what `openConnector` loads for `kind: mysql`.
import type { ConnectorEngine } from '../engine.js';
import { openMysql } from './connector.js';

export const mysqlEngine: ConnectorEngine = { kind: 'mysql', open: (target) => openMysql(target) };
