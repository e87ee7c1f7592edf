// Reaching the keys of a selection in batches (exact keys, or SCAN with MATCH and TYPE) and fetching their content.
import type { Redis } from 'ioredis';
import { CustosError } from '../../errors.js';
import type { RedisType } from '../../policy/index.js';
import { assertNotAborted } from '../lifecycle.js';
import type { WhereTerm } from '../selection.js';
import { captureKey, type KeyPattern, type KeyPlan } from './keys.js';
import { repliesOf, isWrongType } from './replies.js';
import { rowMatches, rowsOfKey, type MutableRow, type Reply } from './rows.js';

export interface MatchedKey {
  readonly key: string;
  readonly captures: ReadonlyMap<string, string>;
}

/** A selection resolved against a collection's key pattern. */
export interface RedisSelection {
  readonly type: RedisType;
  readonly pattern: KeyPattern;
  readonly plan: KeyPlan;
  /** Terms on fields outside the key, checked against fetched content. */
  readonly valueTerms: readonly WhereTerm[];
}

export interface BatchOptions {
  readonly batchSize: number;
  readonly signal?: AbortSignal | undefined;
  /** Exact keys of another type (or gone) are dropped with one TYPE round trip; SCAN filters by type itself. */
  readonly checkType: boolean;
  /** Called before each round trip (throws once the connector is closed). */
  readonly assertOpen: () => void;
}

/**
 * Keys of the selection's type whose placeholders match, `batchSize` at a time. SCAN may repeat a key (Redis rehashing);
 * an index lists each key once per set, and a key two sets list is returned once.
 */
export async function* keyBatches(client: Redis, selection: RedisSelection, options: BatchOptions): AsyncGenerator<MatchedKey[]> {
  const { plan, pattern, type } = selection;
  if (plan.mode === 'keys') {
    yield* exactKeyBatches(client, selection, plan.keys, options);
    return;
  }
  if (plan.mode === 'index') {
    // A key is read once, though SSCAN may return a member twice and a key may be listed (wrongly) in two sets.
    const seen = new Set<string>();
    for await (const members of indexMembers(client, selection, [...new Set(plan.sets)], options)) {
      const listed = members.filter((key) => {
        if (seen.has(key)) return false;
        seen.add(key);
        // A member that is not one of the collection's keys, or not one the selection names, is not read.
        const captures = captureKey(pattern, key);
        return captures !== undefined && plan.accepts(captures);
      });
      // Members are listed by the application: one may be gone, or of another type. Content reads skip those anyway.
      yield* exactKeyBatches(client, selection, listed, options);
    }
    return;
  }
  let cursor = '0';
  do {
    options.assertOpen();
    assertNotAborted(options.signal);
    const [next, keys] = await client.scan(cursor, 'MATCH', plan.match, 'COUNT', options.batchSize, 'TYPE', type);
    cursor = next;
    const batch: MatchedKey[] = [];
    for (const key of keys) {
      const captures = captureKey(pattern, key);
      if (captures && plan.accepts(captures)) batch.push({ key, captures });
    }
    if (batch.length > 0) yield batch;
  } while (cursor !== '0');
}

/**
 * The members of index sets, a batch at a time: SSCAN, pipelined over `batchSize` sets, so a small set (most of them)
 * takes one round trip with the others and a large one is read in steps, never held whole.
 */
async function* indexMembers(
  client: Redis,
  selection: RedisSelection,
  sets: readonly string[],
  options: BatchOptions,
): AsyncGenerator<string[]> {
  let pending = sets.map((set) => ({ set, cursor: '0' }));
  while (pending.length > 0) {
    options.assertOpen();
    assertNotAborted(options.signal);
    const batch = pending.slice(0, options.batchSize);
    const pipeline = client.pipeline();
    for (const { set, cursor } of batch) pipeline.sscan(set, cursor, 'COUNT', options.batchSize);
    const replies = await repliesOf(pipeline, isWrongType);
    const members: string[] = [];
    const unfinished: { set: string; cursor: string }[] = [];
    for (const [index, reply] of replies.entries()) {
      if (reply === null) throw notASet(selection);
      const [next, found] = reply as [string, string[]];
      members.push(...found);
      if (next !== '0') unfinished.push({ set: batch[index]!.set, cursor: next });
    }
    pending = [...unfinished, ...pending.slice(batch.length)];
    if (members.length > 0) yield members;
  }
}

/** Exact keys, `batchSize` at a time, those of another type (or gone) dropped when `checkType` asks. */
async function* exactKeyBatches(
  client: Redis,
  selection: RedisSelection,
  all: readonly string[],
  options: BatchOptions,
): AsyncGenerator<MatchedKey[]> {
  for (let start = 0; start < all.length; start += options.batchSize) {
    options.assertOpen();
    assertNotAborted(options.signal);
    let keys = all.slice(start, start + options.batchSize);
    if (options.checkType) {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.type(key);
      // A TYPE that failed is an error, never "gone": the batch would read as holding none of the person's keys.
      const types = await repliesOf(pipeline);
      keys = keys.filter((_, index) => types[index] === selection.type);
    }
    const batch = keys.flatMap((key) => {
      const captures = captureKey(selection.pattern, key);
      return captures ? [{ key, captures }] : [];
    });
    if (batch.length > 0) yield batch;
  }
}

/** An index key that is not a set: the manifest's `keyIndex` names something else. The message names the pattern, not the key. */
function notASet(selection: RedisSelection): CustosError {
  const index = selection.pattern.index;
  const spelled = index ? `${index.before}{${index.field}}${index.after}` : 'the key index';
  return new CustosError({
    code: 'invalid-input',
    message: `the key index ${spelled} lists keys in sets, but Redis holds something else under one of its names: check keyIndex in the manifest`,
  });
}

/** Matching rows, a batch of keys at a time, fetched with one pipelined round trip per batch. */
export async function* rowBatches(client: Redis, selection: RedisSelection, options: BatchOptions): AsyncGenerator<MutableRow[]> {
  for await (const batch of keyBatches(client, selection, { ...options, checkType: false })) {
    const replies = await fetchContent(
      client,
      selection.type,
      batch.map((matched) => matched.key),
    );
    const rows = batch.flatMap((matched, index) => rowsOfKey(selection.type, matched.key, matched.captures, replies[index] ?? null));
    const kept = selection.valueTerms.length === 0 ? rows : rows.filter((row) => rowMatches(row, selection.valueTerms));
    if (kept.length > 0) yield kept;
  }
}

/** One command per key in one pipeline; a key of another type (WRONGTYPE) reads as absent, any other failure is thrown. */
async function fetchContent(client: Redis, redisType: RedisType, keys: readonly string[]): Promise<Reply[]> {
  const pipeline = client.pipeline();
  for (const key of keys) {
    switch (redisType) {
      case 'hash':
        pipeline.hgetall(key);
        break;
      case 'string':
        pipeline.get(key);
        break;
      case 'set':
        pipeline.smembers(key);
        break;
      case 'list':
        pipeline.lrange(key, 0, -1);
        break;
      case 'zset':
        pipeline.zrange(key, 0, '-1', 'WITHSCORES');
        break;
      default:
        redisType satisfies never;
    }
  }
  return (await repliesOf(pipeline, isWrongType)) as Reply[];
}
