// Redis writes for one batch: whole keys (UNLINK, HSET, SET) or single members, each batch in one MULTI round trip.
import { randomUUID } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';
import type { Value } from '../connector.js';
import { valueToText } from '../values.js';
import { REDIS_INDEX_FIELD, REDIS_KEY_FIELD, REDIS_MEMBER_FIELD, REDIS_SCORE_FIELD, REDIS_VALUE_FIELD, type MutableRow } from './rows.js';
import { indexSetOf, type KeyPattern } from './keys.js';
import { repliesOf } from './replies.js';
import type { MatchedKey, RedisSelection } from './scan.js';

/** Keys per SCAN step or pipeline of a count or write. */
export const WRITE_BATCH = 1000;

/** What a write needs of the selection: the keys' type, and their pattern (for the index sets that list them). */
export type WriteTarget = Pick<RedisSelection, 'type' | 'pattern'>;

export type Change = { readonly kind: 'delete' } | { readonly kind: 'update'; readonly assignments: readonly (readonly [string, Value])[] };

/**
 * Writes whole keys: delete unlinks them (counting members for set, list, zset); update sets hash fields (null removes the
 * field) or a string's value (null deletes the key). A key deleted leaves its index set (the pattern's `keyIndex`) in the
 * same MULTI. Returns the rows changed.
 */
export async function writeKeys(client: Redis, target: WriteTarget, matched: readonly MatchedKey[], change: Change): Promise<number> {
  const { type, pattern } = target;
  const keys = matched.map((item) => item.key);
  if (change.kind === 'delete') {
    if (type === 'hash' || type === 'string') return unlink(client, keys, pattern);
    const multi = client.multi();
    for (const key of keys) {
      if (type === 'set') multi.scard(key);
      else if (type === 'zset') multi.zcard(key);
      else multi.llen(key);
    }
    multi.unlink(...keys);
    unlist(multi, keys, pattern);
    const results = await execute(multi);
    return results.slice(0, keys.length).reduce<number>((sum, count) => sum + Number(count), 0);
  }
  if (type === 'string') {
    const value = valueToText(change.assignments.find(([field]) => field === REDIS_VALUE_FIELD)?.[1] ?? null);
    if (value === undefined) return unlink(client, keys, pattern);
    const multi = client.multi();
    for (const key of keys) multi.set(key, value, 'KEEPTTL', 'XX');
    return (await execute(multi)).filter((reply) => reply === 'OK').length;
  }
  const set: Record<string, string> = {};
  const removed: string[] = [];
  for (const [field, value] of change.assignments) {
    const text = valueToText(value);
    if (text === undefined) removed.push(field);
    else set[field] = text;
  }
  const multi = client.multi();
  for (const key of keys) {
    if (Object.keys(set).length > 0) multi.hset(key, set);
    if (removed.length > 0) multi.hdel(key, ...removed);
  }
  await execute(multi);
  return keys.length;
}

/**
 * Takes KEYS[1] out of its index set KEYS[2] when Redis no longer holds it. Run inside the MULTI after the removals that
 * may have emptied it: nothing runs between them, so a key the application fills again is never unlisted.
 */
const UNLIST_IF_GONE = "if redis.call('EXISTS', KEYS[1]) == 0 then return redis.call('SREM', KEYS[2], KEYS[1]) end return 0";

/**
 * Writes single rows: members of sets, zsets and lists, or the keys of hash and string rows selected by content. A set,
 * zset or list emptied this way is gone from Redis, and out of its index set (the pattern's `keyIndex`) in the same MULTI.
 */
export async function writeRows(client: Redis, target: WriteTarget, rows: readonly MutableRow[], change: Change): Promise<number> {
  const { type, pattern } = target;
  if (type === 'hash' || type === 'string') {
    const keys = [...new Set(rows.map((row) => String(row[REDIS_KEY_FIELD])))];
    return writeKeys(
      client,
      target,
      keys.map((key) => ({ key, captures: new Map() })),
      change,
    );
  }
  const assigned = new Map(change.kind === 'update' ? change.assignments : []);
  const tombstone = `\u0000custos-removed:${randomUUID()}`;
  const multi = client.multi();
  // How each queued command counts towards rows changed: a fixed number, or its reply (removals).
  const tally: ('reply' | number)[] = [];
  const queue = (count: 'reply' | number, command: (m: ChainableCommander) => unknown) => {
    command(multi);
    tally.push(count);
  };
  const lists = new Set<string>();
  /** Keys that lose a member (and may be emptied by it), with the index set that lists them. */
  const shrinking = new Map<string, string>();
  for (const row of rows) {
    const key = String(row[REDIS_KEY_FIELD]);
    const member = String(row[REDIS_MEMBER_FIELD]);
    const next = assigned.has(REDIS_MEMBER_FIELD) ? valueToText(assigned.get(REDIS_MEMBER_FIELD) ?? null) : member;
    const removing = change.kind === 'delete' || next === undefined;
    const set = removing && pattern.index ? indexSetOf(pattern, key) : undefined;
    if (set !== undefined) shrinking.set(key, set);
    if (type === 'list') {
      // Lists remove by value: mark the exact positions, then remove the marks.
      queue(removing ? 0 : 1, (m) => m.lset(key, Number(row[REDIS_INDEX_FIELD]), removing ? tombstone : next!));
      if (removing) lists.add(key);
    } else if (removing) {
      queue('reply', (m) => (type === 'set' ? m.srem(key, member) : m.zrem(key, member)));
    } else if (type === 'set') {
      queue(1, (m) => m.srem(key, member));
      queue(0, (m) => m.sadd(key, next!));
    } else {
      const score = Number(assigned.get(REDIS_SCORE_FIELD) ?? row[REDIS_SCORE_FIELD]);
      if (next === member) queue(1, (m) => m.zadd(key, 'XX', score, member));
      else {
        queue(1, (m) => m.zrem(key, member));
        queue(0, (m) => m.zadd(key, score, next!));
      }
    }
  }
  for (const key of lists) queue('reply', (m) => m.lrem(key, 0, tombstone));
  for (const [key, set] of shrinking) queue(0, (m) => m.eval(UNLIST_IF_GONE, 2, key, set));
  const results = await execute(multi);
  return tally.reduce<number>((sum, count, index) => sum + (count === 'reply' ? Number(results[index]) : count), 0);
}

/**
 * Sets each key's expiry to its instant (ms) in one MULTI, `LT` so an earlier expiry stays; returns how many keys took
 * it (a key gone, or already expiring sooner, did not).
 */
export async function expireKeys(client: Redis, keys: readonly { readonly key: string; readonly at: number }[]): Promise<number> {
  if (keys.length === 0) return 0;
  const multi = client.multi();
  for (const { key, at } of keys) multi.call('PEXPIREAT', key, String(at), 'LT');
  return (await execute(multi)).filter((reply) => Number(reply) === 1).length;
}

/** Unlinks whole keys (and takes them out of their index sets); returns how many existed. */
async function unlink(client: Redis, keys: readonly string[], pattern: KeyPattern): Promise<number> {
  if (!pattern.index) return client.unlink(...keys);
  const multi = client.multi();
  multi.unlink(...keys);
  unlist(multi, keys, pattern);
  return Number((await execute(multi))[0]);
}

/** Queues the removal of `keys` from their index sets, one SREM per set; nothing without an index. */
function unlist(multi: ChainableCommander, keys: readonly string[], pattern: KeyPattern): void {
  if (!pattern.index) return;
  const bySet = new Map<string, string[]>();
  for (const key of keys) {
    const set = indexSetOf(pattern, key);
    if (set === undefined) continue;
    const listed = bySet.get(set);
    if (listed) listed.push(key);
    else bySet.set(set, [key]);
  }
  for (const [set, listed] of bySet) multi.srem(set, ...listed);
}

/**
 * Runs a MULTI; a failed command fails the batch (Redis has no rollback: earlier commands of the batch stay), and so does a
 * MULTI that got no replies (the connection dropped): it is never counted as zero rows written.
 */
function execute(multi: ChainableCommander): Promise<unknown[]> {
  return repliesOf(multi);
}
