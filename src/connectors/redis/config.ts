// How a Redis connector connects: ioredis options that fail fast instead of queueing commands for a server that is down.
import type { RedisOptions } from 'ioredis';
import { CustosError } from '../../errors.js';
import type { StoreTarget } from '../target.js';

export interface RedisConfig {
  readonly url: string;
  readonly options: RedisOptions;
}

/** Resolves once: 5 s to connect, a failed command retried once, three reconnection attempts, RESP2 (any Redis ≥ 6). */
export function redisConfig(target: StoreTarget): RedisConfig {
  if (!target.url) throw new CustosError({ code: 'config', message: `${target.label}: a redis store needs a url` });
  return Object.freeze({
    url: target.url,
    options: Object.freeze({
      lazyConnect: true,
      connectTimeout: 5000,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt: number) => (attempt > 3 ? null : attempt * 200),
      protocol: 2 as const,
      connectionName: 'custos',
    }),
  });
}
