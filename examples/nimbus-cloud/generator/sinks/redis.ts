// Loads a key-value dataset into Redis: one hash per row under the collection's key pattern, sent in pipelines of 1,000.
import { Redis, type ChainableCommander } from 'ioredis';
import { CustosError } from '../../../../src/errors.js';
import type { GeneratedRow } from '../rows.js';
import type { TablePlan } from '../schema.js';
import { encoderFor, type Encoder } from './encode.js';
import type { DatasetLoader, LoaderOptions } from './loader.js';
import { WriteQueue } from './queue.js';

const PIPELINE = 1000;

export interface RedisTarget {
  readonly url: string;
  /** Prepended to every key (e.g. a test's namespace and a colon); empty in the sample's own layout. */
  readonly prefix: string;
  readonly label: string;
}

type KeyParts = readonly ({ readonly literal: string } | { readonly field: string })[];

interface KeyState {
  /** Literal parts and field names alternating: `session:`, customer_id, `:`, id. */
  readonly parts: KeyParts;
  /** The set per value of one placeholder that lists the keys, as the manifest's `keyIndex` declares it. */
  readonly index?: KeyParts | undefined;
  /** SCAN patterns of every key (and index set) the collection can spell. */
  readonly matches: readonly string[];
  readonly names: readonly string[];
  readonly encoders: readonly Encoder[];
}

/** `session:{customer_id}:{id}` → its parts, and the SCAN pattern of every key it can spell. */
function keyState(table: TablePlan, prefix: string): KeyState {
  if (!table.key)
    throw new CustosError({ code: 'invalid-manifest', message: `${table.qualifiedName} is stored in Redis but declares no key pattern` });
  if ((table.redisType ?? 'hash') !== 'hash') {
    throw new CustosError({ code: 'invalid-input', message: `${table.qualifiedName}: the sample generator writes Redis hashes only` });
  }
  const parts = keyParts(table.key);
  const index = table.keyIndex === undefined ? undefined : keyParts(table.keyIndex);
  const matchOf = (spelled: KeyParts) =>
    prefix.replace(/[*?[\]\\]/g, '\\$&') + spelled.map((part) => ('field' in part ? '*' : part.literal)).join('');
  return {
    parts,
    index,
    matches: [parts, ...(index ? [index] : [])].map(matchOf),
    names: table.columns.map((c) => c.name),
    encoders: table.columns.map((c) => encoderFor(c.type, 'redis')),
  };
}

function keyParts(pattern: string): KeyParts {
  return pattern
    .split(/(\{[A-Za-z_][\w$]*\})/)
    .filter((piece) => piece !== '')
    .map((piece) => (piece.startsWith('{') ? { field: piece.slice(1, -1) } : { literal: piece }));
}

function spell(parts: KeyParts, prefix: string, row: GeneratedRow): string {
  let key = prefix;
  for (const part of parts) key += 'field' in part ? String(row[part.field] ?? '') : part.literal;
  return key;
}

export function createRedisLoader(target: RedisTarget, options: LoaderOptions): DatasetLoader {
  const redis = new Redis(target.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    connectionName: 'custos-nimbus-generator',
  });
  redis.on('error', () => undefined);
  const states = new Map(options.tables.map((t) => [t, keyState(t, target.prefix)]));
  let pipeline: ChainableCommander | undefined;
  let queued = 0;
  const queue = new WriteQueue();

  const send = () => {
    if (!pipeline) return;
    const batch = pipeline;
    pipeline = undefined;
    queued = 0;
    queue.push(async () => {
      // A pipeline resolves with each command's [error, result]: the first error fails the load.
      const error = (await batch.exec())?.find(([e]) => e)?.[0];
      if (error) throw error;
    });
  };

  return {
    location: target.label,
    async prepare() {
      await redis.connect();
      for (const match of [...states.values()].flatMap((state) => state.matches)) {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
          cursor = next;
          if (keys.length === 0) continue;
          if (!options.force) {
            throw new CustosError({
              code: 'conflict',
              message: `${target.label} already holds keys like ${match}: pass force to replace them`,
            });
          }
          await redis.unlink(...keys);
        } while (cursor !== '0');
      }
    },
    write(table, row) {
      const state = states.get(table);
      if (!state) throw new CustosError({ code: 'internal', message: `no key pattern for ${table.qualifiedName} in ${target.label}` });
      const fields: string[] = [];
      for (let i = 0; i < state.names.length; i++) {
        const name = state.names[i] as string;
        const value = (state.encoders[i] as Encoder)(row[name] ?? null);
        // An absent hash field is how Redis says null.
        if (value !== null) fields.push(name, value as string);
      }
      pipeline ??= redis.pipeline();
      const key = spell(state.parts, target.prefix, row);
      pipeline.hset(key, ...fields);
      // The application keeps each key listed in the set of its placeholder value, as the manifest declares.
      if (state.index) pipeline.sadd(spell(state.index, target.prefix, row), key);
      if (++queued === PIPELINE) send();
    },
    drain: () => queue.drain(),
    async finish() {
      send();
      await queue.drain();
    },
    close: () => queue.close(() => redis.disconnect()),
  };
}
