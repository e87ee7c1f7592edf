// What a Redis key looks like as Rows: hash fields, a string's value, or one row per set/list/zset member.
import { foldCase, type RedisType } from '../../policy/index.js';
import type { IntrospectedCollection, Row, Value } from '../connector.js';
import type { WhereTerm } from '../selection.js';
import { textIn } from './keys.js';

/** Every Redis row carries the key it came from. */
export const REDIS_KEY_FIELD = '$key';
/** The value of a `string` key. */
export const REDIS_VALUE_FIELD = 'value';
/** One member of a `set`, `list` or `zset` key (Rows hold scalars, so each member is its own row). */
export const REDIS_MEMBER_FIELD = 'member';
/** Score of a `zset` member, as a number. */
export const REDIS_SCORE_FIELD = 'score';
/** Position of a `list` member, from 0. */
export const REDIS_INDEX_FIELD = 'index';

/** Fields a key of each type yields besides its placeholders (`hash`: its own hash fields). */
export const NATURAL_FIELDS: Readonly<Record<Exclude<RedisType, 'hash'>, readonly string[]>> = {
  string: [REDIS_VALUE_FIELD],
  set: [REDIS_MEMBER_FIELD],
  list: [REDIS_INDEX_FIELD, REDIS_MEMBER_FIELD],
  zset: [REDIS_MEMBER_FIELD, REDIS_SCORE_FIELD],
};

/** Introspection of a Redis store also says the value type of each key pattern. */
export interface RedisIntrospectedCollection extends IntrospectedCollection {
  readonly key: string;
  readonly type: RedisType;
}

/** What one fetch command returned: HGETALL, GET, SMEMBERS, LRANGE or ZRANGE WITHSCORES. */
export type Reply = Record<string, string> | string | string[] | null;

/** A row while it is still being filtered or written from. */
export type MutableRow = Record<string, Value>;

/** Every row a key holds, with its placeholders and `$key`; none when the key is gone. */
export function rowsOfKey(type: RedisType, key: string, captures: ReadonlyMap<string, string>, reply: Reply): MutableRow[] {
  const base = (): MutableRow => {
    const row: MutableRow = { [REDIS_KEY_FIELD]: key };
    for (const [field, text] of captures) row[field] = text;
    return row;
  };
  if (reply === null) return [];
  switch (type) {
    case 'hash': {
      const fields = reply as Record<string, string>;
      return Object.keys(fields).length === 0 ? [] : [Object.assign(base(), fields)];
    }
    case 'string':
      return [{ ...base(), [REDIS_VALUE_FIELD]: reply as string }];
    case 'set':
      return (reply as string[]).map((member) => ({ ...base(), [REDIS_MEMBER_FIELD]: member }));
    case 'list':
      return (reply as string[]).map((member, index) => ({ ...base(), [REDIS_INDEX_FIELD]: index, [REDIS_MEMBER_FIELD]: member }));
    case 'zset': {
      const pairs = reply as string[];
      const rows: MutableRow[] = [];
      for (let i = 0; i + 1 < pairs.length; i += 2)
        rows.push({ ...base(), [REDIS_MEMBER_FIELD]: pairs[i]!, [REDIS_SCORE_FIELD]: Number(pairs[i + 1]) });
      return rows;
    }
    default:
      return type satisfies never;
  }
}

/** AND of the terms, comparing as Redis stores text; a null in a list matches an absent hash field. */
export function rowMatches(row: Readonly<MutableRow>, terms: readonly WhereTerm[]): boolean {
  return terms.every((term) => {
    const value = row[term.field];
    const text = value === undefined || value === null ? undefined : String(value);
    return textIn(term.fold && text !== undefined ? foldCase(text) : text, term.values);
  });
}

/** Keeps `$key` and the asked fields (absent hash fields as null); `fields` undefined keeps everything. */
export function projectRow(row: MutableRow, fields: readonly string[] | undefined): Row {
  if (fields === undefined) return row;
  const out: MutableRow = { [REDIS_KEY_FIELD]: row[REDIS_KEY_FIELD] ?? null };
  for (const field of fields) out[field] = row[field] ?? null;
  return out;
}
