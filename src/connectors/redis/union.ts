// A Redis selection of several groups: rows told apart across groups, and writes that read the whole union first.
import type { Redis } from 'ioredis';
import type { RedisType } from '../../policy/index.js';
import { firstTime } from '../union.js';
import { REDIS_INDEX_FIELD, REDIS_KEY_FIELD, REDIS_MEMBER_FIELD, type MutableRow } from './rows.js';
import { keyBatches, rowBatches, type MatchedKey, type RedisSelection } from './scan.js';
import { WRITE_BATCH, writeKeys, writeRows, type Change } from './writes.js';

/** What tells a row apart across groups: the key of a hash or string, the key and member or position otherwise. */
export function rowIdentity(type: RedisType, row: MutableRow): string {
  const key = String(row[REDIS_KEY_FIELD]);
  if (type === 'hash' || type === 'string') return key;
  const member = type === 'list' ? row[REDIS_INDEX_FIELD] : row[REDIS_MEMBER_FIELD];
  // The key's length first, so no key and member run into another pair.
  return `${key.length}:${key}${String(member)}`;
}

const NO_CAPTURES: ReadonlyMap<string, string> = new Map();

/**
 * Writes over several groups: reads the whole union first (held in memory), then writes it. A row several groups match is
 * changed and counted once, a row one group's change makes match another is not changed again, and a list position means
 * the same for every group (written group by group, one group's removals would shift the next one's positions).
 */
export async function writeUnion(
  client: Redis,
  groups: readonly RedisSelection[],
  change: Change,
  assertOpen: () => void,
): Promise<number> {
  const options = { batchSize: WRITE_BATCH, checkType: true, assertOpen };
  const target = groups[0]!;
  const { type } = target;
  let total = 0;
  if (type === 'hash' || type === 'string') {
    const keys = new Set<string>();
    for (const group of groups) {
      if (group.valueTerms.length === 0) {
        for await (const batch of keyBatches(client, group, options)) for (const matched of batch) keys.add(matched.key);
      } else {
        for await (const rows of rowBatches(client, group, options)) for (const row of rows) keys.add(String(row[REDIS_KEY_FIELD]));
      }
    }
    const matched = [...keys].map((key): MatchedKey => ({ key, captures: NO_CAPTURES }));
    for (let start = 0; start < matched.length; start += WRITE_BATCH) {
      assertOpen();
      total += await writeKeys(client, target, matched.slice(start, start + WRITE_BATCH), change);
    }
    return total;
  }
  // Members by key: a list's rows go in one batch, since removing some shifts the positions of the others.
  const byKey = new Map<string, MutableRow[]>();
  const seen = new Set<string>();
  for (const group of groups) {
    for await (const rows of rowBatches(client, group, options)) {
      for (const row of rows) {
        if (!firstTime(seen, rowIdentity(type, row))) continue;
        const key = String(row[REDIS_KEY_FIELD]);
        const members = byKey.get(key);
        if (members) members.push(row);
        else byKey.set(key, [row]);
      }
    }
  }
  let batch: MutableRow[] = [];
  for (const members of byKey.values()) {
    batch.push(...members);
    if (batch.length < WRITE_BATCH) continue;
    assertOpen();
    total += await writeRows(client, target, batch, change);
    batch = [];
  }
  if (batch.length > 0) total += await writeRows(client, target, batch, change);
  return total;
}
