// The Redis session: find, count, update and delete over key batches, one pipelined round trip per batch.
import { pagesOf } from '../pages.js';
import type { Redis } from 'ioredis';
import { CustosError } from '../../errors.js';
import type { CollectionModel, RedisType } from '../../policy/index.js';
import type { ConnectorSession, FindOptions, Row, RowExpiry, RowUpdate, Selection, Value, Where } from '../connector.js';
import { checkRowUpdates, updateRowByRow } from '../row-updates.js';
import { assertNotAborted } from '../lifecycle.js';
import {
  assertBounded,
  assertGroupObject,
  batchSizeOf,
  checkAssignments,
  checkSelection,
  refuseEmptyList,
  refuseUnbounded,
  resultFields,
} from '../selection.js';
import { firstTime } from '../union.js';
import { captureKey, parseKeyPattern, planKeys, type KeyPattern, type KeyPlan } from './keys.js';
import { NATURAL_FIELDS, projectRow, REDIS_KEY_FIELD, REDIS_SCORE_FIELD } from './rows.js';
import { keyBatches, rowBatches, type RedisSelection } from './scan.js';
import { rowIdentity, writeUnion } from './union.js';
import { expireKeys, WRITE_BATCH, writeKeys, writeRows, type Change } from './writes.js';

export class RedisSession implements ConnectorSession {
  readonly #client: Redis;
  readonly #assertOpen: () => void;
  readonly #wrap: (error: unknown, operation: string) => CustosError;

  constructor(client: Redis, assertOpen: () => void, wrap: (error: unknown, operation: string) => CustosError) {
    this.#client = client;
    this.#assertOpen = assertOpen;
    this.#wrap = wrap;
  }

  find(selection: Selection, options: FindOptions = {}): AsyncIterable<Row> {
    return this.#find(selection, options);
  }

  findPages(selection: Selection, options: FindOptions = {}): AsyncIterable<readonly Row[]> {
    return pagesOf(this.find(selection, options), batchSizeOf(options.batchSize));
  }

  async *#find(selection: Selection, options: FindOptions): AsyncGenerator<Row> {
    const resolved = this.#resolve(selection);
    const batchSize = batchSizeOf(options.batchSize);
    assertNotAborted(options.signal);
    if (resolved.length === 0) return;
    const fields = projection(selection.collection, resolved[0]!.type, options.fields);
    // Several groups may reach one row: each is returned the first time only.
    const seen = resolved.length > 1 ? new Set<string>() : undefined;
    try {
      for (const group of resolved) {
        const batches = rowBatches(this.#client, group, {
          batchSize,
          signal: options.signal,
          checkType: false,
          assertOpen: this.#assertOpen,
        });
        for await (const rows of batches) {
          for (const row of rows) {
            this.#assertOpen();
            if (seen && !firstTime(seen, rowIdentity(group.type, row))) continue;
            yield projectRow(row, fields);
          }
        }
      }
      // A scan cut short by close() must not read as complete.
      this.#assertOpen();
    } catch (error) {
      throw this.#wrap(error, `find on ${selection.collection.qualifiedName}`);
    }
  }

  async count(selection: Selection): Promise<number> {
    const resolved = this.#resolve(selection);
    if (resolved.length === 0) return 0;
    return this.#run(`count on ${selection.collection.qualifiedName}`, async () => {
      let total = 0;
      const seen = resolved.length > 1 ? new Set<string>() : undefined;
      const options = { batchSize: WRITE_BATCH, checkType: true, assertOpen: this.#assertOpen };
      for (const group of resolved) {
        if (group.valueTerms.length > 0 || (group.type !== 'hash' && group.type !== 'string')) {
          for await (const rows of rowBatches(this.#client, group, options)) {
            total += seen ? rows.filter((row) => firstTime(seen, rowIdentity(group.type, row))).length : rows.length;
          }
        } else {
          // A hash or string key is one row: its identity is the key.
          for await (const keys of keyBatches(this.#client, group, options)) {
            total += seen ? keys.filter((matched) => firstTime(seen, matched.key)).length : keys.length;
          }
        }
      }
      return total;
    });
  }

  async update(selection: Selection, set: Readonly<Record<string, Value>>): Promise<number> {
    const resolved = this.#resolve(selection, 'update');
    const assignments = checkAssignments(selection.collection, set);
    checkWritable(selection.collection, parseKeyPattern(selection.collection).fields, assignments);
    if (resolved.length === 0) return 0;
    const change = { kind: 'update', assignments } as const;
    return this.#run(`update of ${selection.collection.qualifiedName}`, () =>
      resolved.length === 1 ? this.#write(resolved[0]!, change) : writeUnion(this.#client, resolved, change, this.#assertOpen),
    );
  }

  /** Row by row: each row's values are their own, and a hash row is its own key. */
  async updateEach(collection: CollectionModel, rows: readonly RowUpdate[]): Promise<number> {
    return updateRowByRow(this, collection, checkRowUpdates(collection, rows));
  }

  async delete(selection: Selection): Promise<number> {
    const resolved = this.#resolve(selection, 'delete');
    if (resolved.length === 0) return 0;
    const change = { kind: 'delete' } as const;
    return this.#run(`delete from ${selection.collection.qualifiedName}`, () =>
      resolved.length === 1 ? this.#write(resolved[0]!, change) : writeUnion(this.#client, resolved, change, this.#assertOpen),
    );
  }

  /** Each hash or string row's key expires at its instant (never later than an expiry already set); other types are left. */
  async expireAt(collection: CollectionModel, rows: readonly RowExpiry[]): Promise<number> {
    this.#assertOpen();
    const type: RedisType = collection.type ?? 'hash';
    if (type !== 'hash' && type !== 'string') return 0;
    const keyed = rows.flatMap(({ row, at }) => {
      const key = row[REDIS_KEY_FIELD];
      return typeof key === 'string' && !Number.isNaN(at.getTime()) ? [{ key, at: at.getTime() }] : [];
    });
    return this.#run(`expiry of ${collection.qualifiedName}`, async () => {
      let set = 0;
      for (let i = 0; i < keyed.length; i += WRITE_BATCH) set += await expireKeys(this.#client, keyed.slice(i, i + WRITE_BATCH));
      return set;
    });
  }

  /** Whole keys when the selection only names placeholders of a hash or string; row by row otherwise. */
  async #write(resolved: RedisSelection, change: Change): Promise<number> {
    const options = { batchSize: WRITE_BATCH, checkType: true, assertOpen: this.#assertOpen };
    let total = 0;
    const wholeKeys =
      resolved.valueTerms.length === 0 && (change.kind === 'delete' || resolved.type === 'hash' || resolved.type === 'string');
    if (wholeKeys) {
      for await (const keys of keyBatches(this.#client, resolved, options)) total += await writeKeys(this.#client, resolved, keys, change);
    } else {
      for await (const rows of rowBatches(this.#client, resolved, options)) total += await writeRows(this.#client, resolved, rows, change);
    }
    return total;
  }

  /** Checks the selection: one RedisSelection per group that can match anything (none: the selection matches nothing). */
  #resolve(selection: Selection, write?: 'update' | 'delete'): readonly RedisSelection[] {
    this.#assertOpen();
    const { collection, where } = selection;
    const type: RedisType = collection.type ?? 'hash';
    const pattern = parseKeyPattern(collection);
    if (!Array.isArray(where)) {
      const group = resolveGroup(collection, type, pattern, (where ?? {}) as Where, write);
      return group ? [group] : [];
    }
    // `[]` is refused as `{}` is; its groups, which may hold `$key`, are checked one by one.
    if (write && where.length === 0) refuseUnbounded(collection, write);
    const groups: RedisSelection[] = [];
    for (const group of where as readonly Where[]) {
      assertGroupObject(collection, group);
      const resolved = resolveGroup(collection, type, pattern, group, write);
      if (resolved) groups.push(resolved);
    }
    return groups;
  }

  async #run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#wrap(error, operation);
    }
  }
}

/** One group resolved against the key pattern; undefined when it matches nothing. A `$key` list selects exact keys (as found earlier). */
function resolveGroup(
  collection: CollectionModel,
  type: RedisType,
  pattern: KeyPattern,
  group: Where,
  write: 'update' | 'delete' | undefined,
): RedisSelection | undefined {
  const { [REDIS_KEY_FIELD]: exactKeys, ...where } = group;
  if (exactKeys !== undefined && !Array.isArray(exactKeys)) throw invalid(`the ${REDIS_KEY_FIELD} selection must be a list of keys`);
  const checked = checkSelection({ collection, where });
  if (write) {
    // Exact keys bound a write by themselves; an empty list of them, like any empty list, is refused.
    if (exactKeys === undefined) assertBounded(checked, write);
    else if (exactKeys.length === 0 || checked.emptyList) refuseEmptyList(collection, write);
  }
  if (type !== 'hash') {
    const unknown = Object.keys(where).find((field) => !pattern.fields.includes(field) && !NATURAL_FIELDS[type].includes(field));
    if (unknown) throw invalid(`${collection.qualifiedName} is a Redis ${type}: it has no field "${unknown}" to select on`);
  }
  const terms = checked.groups[0];
  if (!terms || (exactKeys !== undefined && exactKeys.length === 0)) return undefined;
  const valueTerms = terms.filter((term) => !pattern.fields.includes(term.field));
  let plan: KeyPlan = planKeys(pattern, terms);
  if (exactKeys !== undefined) {
    const fits = keyFilter(plan, pattern);
    plan = { mode: 'keys', keys: [...new Set(exactKeys.map(String))].filter(fits) };
  }
  return { type, pattern, plan, valueTerms };
}

/** Whether an exact key also satisfies the pattern and the placeholder terms of the selection. */
function keyFilter(plan: KeyPlan, pattern: KeyPattern): (key: string) => boolean {
  const keys = plan.mode === 'keys' ? new Set(plan.keys) : undefined;
  return (key) => {
    const captures = captureKey(pattern, key);
    return captures !== undefined && (keys ? keys.has(key) : plan.mode !== 'keys' && plan.accepts(captures));
  };
}

/** Fields a find returns: asked ones; for a hash its declared fields (none declared: all); other types everything. */
function projection(collection: CollectionModel, type: RedisType, fields: readonly string[] | undefined): readonly string[] | undefined {
  if (fields !== undefined && fields.length > 0) return resultFields(collection, fields);
  if (type !== 'hash') return undefined;
  const declared = resultFields(collection, undefined);
  return declared.length > 0 ? declared : undefined;
}

/** Placeholders cannot be set (that would rename keys); non-hash types only have their natural fields. */
function checkWritable(
  collection: CollectionModel,
  keyFields: readonly string[],
  assignments: readonly (readonly [string, Value])[],
): void {
  const type: RedisType = collection.type ?? 'hash';
  for (const [field, value] of assignments) {
    if (keyFields.includes(field)) throw invalid(`${collection.qualifiedName}: "${field}" is part of the Redis key and cannot be updated`);
    if (type === 'hash') continue;
    if (!NATURAL_FIELDS[type].includes(field) || field === 'index')
      throw invalid(`${collection.qualifiedName} is a Redis ${type}: "${field}" cannot be set`);
    if (field === REDIS_SCORE_FIELD && typeof value !== 'number')
      throw invalid(`${collection.qualifiedName}: a zset score must be a number`);
  }
}

function invalid(message: string): CustosError {
  return new CustosError({ code: 'invalid-input', message });
}
