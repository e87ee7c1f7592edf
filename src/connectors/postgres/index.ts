// The PostgreSQL engine (pg, pg-cursor): what `openConnector` loads for `kind: postgres`.
import type { ConnectorEngine } from '../engine.js';
import { openPostgres } from './connector.js';

export const postgresEngine: ConnectorEngine = { kind: 'postgres', open: (target) => openPostgres(target) };
