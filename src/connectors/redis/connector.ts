// The Redis connector (ioredis): key-value rows, no transactions, introspection by sampling keys.
import { Redis } from 'ioredis';
import type { CollectionModel, StoreKind } from '../../policy/index.js';
import type {
  Connector,
  ConnectorCapabilities,
  ConnectorSession,
  FindOptions,
  IntrospectedCollection,
  Row,
  RowExpiry,
  RowUpdate,
  Selection,
  Value,
} from '../connector.js';
import { errorCode, errorMessage, NETWORK_ERROR_CODES, storeUnavailable, toStoreError, type StoreFailure } from '../failures.js';
import { assertNotAborted, Lifecycle } from '../lifecycle.js';
import type { StoreTarget } from '../target.js';
import { redisConfig } from './config.js';
import { introspectRedis, type RedisIntrospectOptions } from './introspection.js';
import { RedisSession } from './queries.js';

/**
 * No transactions: MULTI cannot read in the middle, so work that reads then writes would not be atomic anyway; each
 * write batch is one MULTI, so a batch is all-or-nothing against concurrent clients.
 */
export const REDIS_CAPABILITIES: ConnectorCapabilities = Object.freeze({
  transactions: false,
  tables: false,
  streaming: true,
  introspection: true,
  delegated: false,
  expiry: true,
});

const UNAVAILABLE_MESSAGE = /connection is closed|max retries|stream isn't writeable|NOAUTH|WRONGPASS|LOADING|MASTERDOWN/i;

export async function openRedis(target: StoreTarget): Promise<Connector> {
  const config = redisConfig(target);
  const client = new Redis(config.url, { ...config.options });
  // ioredis prints unhandled 'error' events; connection errors reach callers through their commands.
  client.on('error', () => undefined);
  return new RedisConnector(target, client);
}

class RedisConnector implements Connector {
  readonly kind: StoreKind = 'redis';
  readonly capabilities = REDIS_CAPABILITIES;
  readonly #target: StoreTarget;
  readonly #client: Redis;
  readonly #lifecycle: Lifecycle;
  readonly #session: RedisSession;

  constructor(target: StoreTarget, client: Redis) {
    this.#target = target;
    this.#client = client;
    this.#lifecycle = new Lifecycle(target.label);
    this.#session = new RedisSession(
      client,
      () => this.#lifecycle.assertOpen(),
      (error, operation) => this.#wrap(error, operation),
    );
  }

  find(selection: Selection, options?: FindOptions): AsyncIterable<Row> {
    return this.#session.find(selection, options);
  }

  findPages(selection: Selection, options: FindOptions = {}): AsyncIterable<readonly Row[]> {
    return this.#session.findPages(selection, options);
  }

  count(selection: Selection): Promise<number> {
    return this.#session.count(selection);
  }

  update(selection: Selection, set: Readonly<Record<string, Value>>): Promise<number> {
    return this.#session.update(selection, set);
  }

  updateEach(collection: CollectionModel, rows: readonly RowUpdate[]): Promise<number> {
    return this.#session.updateEach(collection, rows);
  }

  delete(selection: Selection): Promise<number> {
    return this.#session.delete(selection);
  }

  expireAt(collection: CollectionModel, rows: readonly RowExpiry[]): Promise<number> {
    return this.#session.expireAt(collection, rows);
  }

  /** Runs `work` directly on the connector: Redis gives no atomicity across reads and writes. */
  async transaction<T>(work: (session: ConnectorSession) => Promise<T>): Promise<T> {
    this.#lifecycle.assertOpen();
    return work(this.#session);
  }

  async ping(): Promise<void> {
    this.#lifecycle.assertOpen();
    try {
      await this.#client.ping();
    } catch (error) {
      throw storeUnavailable(this.#target, classifyRedis(error));
    }
  }

  /** Key patterns found by SCAN (default: up to 10,000 keys), each with its type, fields and `sampleSize` (default 5) samples. */
  async introspect(options: RedisIntrospectOptions = {}): Promise<readonly IntrospectedCollection[]> {
    this.#lifecycle.assertOpen();
    assertNotAborted(options.signal);
    try {
      return await introspectRedis(this.#client, options, () => this.#lifecycle.assertOpen());
    } catch (error) {
      throw this.#wrap(error, 'introspection');
    }
  }

  async close(): Promise<void> {
    if (!this.#lifecycle.close()) return;
    if (this.#client.status !== 'ready') return this.#client.disconnect();
    try {
      await this.#client.quit();
    } catch {
      this.#client.disconnect();
    }
  }

  #wrap(error: unknown, operation: string) {
    if (this.#lifecycle.closed) return this.#lifecycle.closedError();
    return toStoreError(this.#target, error, classifyRedis(error), operation);
  }
}

function classifyRedis(error: unknown): StoreFailure {
  const code = errorCode(error);
  if (code && NETWORK_ERROR_CODES.has(code)) return { kind: 'unavailable', code };
  const message = errorMessage(error);
  if (UNAVAILABLE_MESSAGE.test(message)) return { kind: 'unavailable', code: code ?? 'connection' };
  // Redis replies start with an upper-case error kind (WRONGTYPE, ERR…); the rest may quote keys.
  return { kind: 'other', code: code ?? /^[A-Z]+/.exec(message)?.[0] };
}
