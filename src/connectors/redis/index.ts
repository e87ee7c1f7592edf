// The Redis engine (ioredis): what `openConnector` loads for `kind: redis`.
import type { ConnectorEngine } from '../engine.js';
import { openRedis } from './connector.js';

export const redisEngine: ConnectorEngine = { kind: 'redis', open: (target) => openRedis(target) };
export { keyPatternOf } from './introspection.js';
