// Drafts Redis collections from a sample of keys: SCAN, group keys into patterns (ids become `*`), sample each pattern.
import type { Redis } from 'ioredis';
import type { RedisType } from '../../policy/index.js';
import type { IntrospectedColumn, Value } from '../connector.js';
import { assertNotAborted } from '../lifecycle.js';
import { NATURAL_FIELDS, type RedisIntrospectedCollection } from './rows.js';
import { isWrongType, repliesOf } from './replies.js';

export interface RedisIntrospectOptions {
  /** Distinct samples per field (default 5). */
  readonly sampleSize?: number;
  readonly signal?: AbortSignal;
  /** Keys SCAN reads at most (default 10,000). */
  readonly maxKeys?: number;
}

/** Segments that identify one record rather than a kind of record: numbers, UUIDs, long hex ids. */
const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})$/i;
const REDIS_TYPES: readonly string[] = ['hash', 'string', 'set', 'list', 'zset'];

/** `customer:42:cart` → `customer:*:cart`. */
export function keyPatternOf(key: string): string {
  return key
    .split(':')
    .map((segment) => (ID_SEGMENT.test(segment) ? '*' : segment))
    .join(':');
}

export async function introspectRedis(
  client: Redis,
  options: RedisIntrospectOptions,
  assertOpen: () => void,
): Promise<readonly RedisIntrospectedCollection[]> {
  const sampleSize = options.sampleSize ?? 5;
  const maxKeys = options.maxKeys ?? 10_000;
  const groups = new Map<string, string[]>();
  let cursor = '0';
  let seen = 0;
  do {
    assertOpen();
    assertNotAborted(options.signal);
    const [next, keys] = await client.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const keysOfPattern = groups.get(keyPatternOf(key)) ?? [];
      if (keysOfPattern.length < Math.max(sampleSize, 1)) keysOfPattern.push(key);
      groups.set(keyPatternOf(key), keysOfPattern);
    }
    seen += keys.length;
  } while (cursor !== '0' && seen < maxKeys);
  const patterns = [...groups].sort(([a], [b]) => a.localeCompare(b));
  const types = await pipelined(client, patterns, (pipeline, [, keys]) => pipeline.type(keys[0]!));
  const collections: RedisIntrospectedCollection[] = [];
  const names = new Set<string>();
  for (const [index, [pattern, keys]] of patterns.entries()) {
    const type = types[index];
    if (typeof type !== 'string' || !REDIS_TYPES.includes(type)) continue;
    assertNotAborted(options.signal);
    const replies = await pipelined(client, keys, (pipeline, key) => fetchSample(pipeline, type as RedisType, key, sampleSize));
    collections.push({
      name: uniqueName(pattern, names),
      key: pattern,
      type: type as RedisType,
      columns: columnsOf(type as RedisType, replies, sampleSize),
    });
  }
  return withIndexes(collections);
}

/**
 * Sets whose sampled members are all keys of one other pattern are that pattern's index (`customer_sessions:42` listing
 * `session:42:7`, …): the pair is marked, so the draft can propose a `keyIndex` instead of a collection of key names.
 */
function withIndexes(collections: readonly RedisIntrospectedCollection[]): RedisIntrospectedCollection[] {
  const patterns = new Set(collections.map((c) => c.key));
  const listed = new Map<string, string>();
  const lists = new Map<string, string>();
  for (const c of collections) {
    if (c.type !== 'set') continue;
    const members = c.columns.find((col) => col.name === 'member')?.samples ?? [];
    const listedPatterns = new Set(members.map((member) => keyPatternOf(String(member))));
    const [target] = listedPatterns;
    // One other pattern the sample found, not yet claimed by another set.
    if (listedPatterns.size !== 1 || target === undefined || target === c.key || !patterns.has(target) || listed.has(target)) continue;
    listed.set(target, c.key);
    lists.set(c.key, target);
  }
  return collections.map((c) => ({ ...c, listedBy: listed.get(c.key), lists: lists.get(c.key) }));
}

type Pipeline = ReturnType<Redis['pipeline']>;

async function pipelined<T>(client: Redis, items: readonly T[], queue: (pipeline: Pipeline, item: T) => unknown): Promise<unknown[]> {
  if (items.length === 0) return [];
  const pipeline = client.pipeline();
  for (const item of items) queue(pipeline, item);
  // A key that changed type since sampling reads as null; a lost connection fails the introspection, never thins it.
  return repliesOf(pipeline, isWrongType);
}

function fetchSample(pipeline: Pipeline, type: RedisType, key: string, size: number): unknown {
  switch (type) {
    case 'hash':
      return pipeline.hgetall(key);
    case 'string':
      return pipeline.get(key);
    case 'set':
      return pipeline.srandmember(key, size);
    case 'list':
      return pipeline.lrange(key, 0, size - 1);
    case 'zset':
      return pipeline.zrange(key, 0, String(size - 1));
    default:
      return type satisfies never;
  }
}

/** Hash fields (nullable when some sampled key lacks them), or the natural field of the other types. */
function columnsOf(type: RedisType, replies: readonly unknown[], sampleSize: number): IntrospectedColumn[] {
  const values = new Map<string, Value[]>();
  const add = (field: string, value: string) => {
    const list = values.get(field) ?? [];
    if (list.length < sampleSize && !list.includes(value)) list.push(value);
    values.set(field, list);
  };
  const present = new Map<string, number>();
  for (const reply of replies) {
    if (reply === null || reply === undefined) continue;
    if (type === 'hash') {
      for (const [field, value] of Object.entries(reply as Record<string, string>)) {
        add(field, value);
        present.set(field, (present.get(field) ?? 0) + 1);
      }
    } else if (type === 'string') add('value', String(reply));
    else for (const member of reply as string[]) add('member', member);
  }
  const fields = type === 'hash' ? [...values.keys()] : NATURAL_FIELDS[type];
  const total = replies.filter((reply) => reply !== null).length;
  return fields.map((name) => ({
    name,
    dataType: name === 'score' || name === 'index' ? 'number' : 'string',
    nullable: type === 'hash' ? (present.get(name) ?? 0) < total : false,
    primaryKey: false,
    samples: values.get(name) ?? [],
  }));
}

/** `customer:*:cart` → `customer_cart`, unique among the collections found. */
function uniqueName(pattern: string, taken: Set<string>): string {
  const base =
    pattern
      .split(':')
      .filter((segment) => segment !== '*')
      .join('_')
      .replace(/[^A-Za-z0-9_]/g, '_')
      .replace(/^(?=\d)/, '_') || 'keys';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}
