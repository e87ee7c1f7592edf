// The Redis session: find, count, update and delete over key batches, one pipelined round trip per batch.
import type { Redis } from 'ioredis';
import { CustosError } from '../../errors.js';
import type { CollectionModel, RedisType } from '../../policy/index.js';
import type { ConnectorSession, FindOptions, Row, Selection, Value } from '../connector.js';
import { assertNotAborted } from '../lifecycle.js';
import { assertBounded, batchSizeOf, checkAssignments, checkSelection, resultFields } from '../selection.js';
import { captureKey, parseKeyPattern, planKeys, type KeyPattern, type KeyPlan } from './keys.js';
import { NATURAL_FIELDS, projectRow, REDIS_KEY_FIELD, REDIS_SCORE_FIELD } from './rows.js';
import { keyBatches, rowBatches, type RedisSelection } from './scan.js';
import { writeKeys, writeRows } from './writes.js';

/** Keys per SCAN step or pipeline when the caller gives no batch size. */
const WRITE_BATCH = 1000;

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

  async *#find(selection: Selection, options: FindOptions): AsyncGenerator<Row> {
    const resolved = this.#resolve(selection);
    const batchSize = batchSizeOf(options.batchSize);
    assertNotAborted(options.signal);
    if (!resolved) return;
    const fields = projection(selection.collection, resolved.type, options.fields);
    try {
      const batches = rowBatches(this.#client, resolved, {
        batchSize,
        signal: options.signal,
        checkType: false,
        assertOpen: this.#assertOpen,
      });
      for await (const rows of batches) {
        for (const row of rows) {
          this.#assertOpen();
          yield projectRow(row, fields);
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
    if (!resolved) return 0;
    return this.#run(`count on ${selection.collection.qualifiedName}`, async () => {
      let total = 0;
      const options = { batchSize: WRITE_BATCH, checkType: true, assertOpen: this.#assertOpen };
      if (resolved.valueTerms.length > 0 || (resolved.type !== 'hash' && resolved.type !== 'string')) {
        for await (const rows of rowBatches(this.#client, resolved, options)) total += rows.length;
      } else {
        for await (const keys of keyBatches(this.#client, resolved, options)) total += keys.length;
      }
      return total;
    });
  }

  async update(selection: Selection, set: Readonly<Record<string, Value>>): Promise<number> {
    const resolved = this.#resolve(selection, 'update');
    const assignments = checkAssignments(selection.collection, set);
    checkWritable(selection.collection, parseKeyPattern(selection.collection).fields, assignments);
    if (!resolved) return 0;
    return this.#write(`update of ${selection.collection.qualifiedName}`, resolved, { kind: 'update', assignments });
  }

  async delete(selection: Selection): Promise<number> {
    const resolved = this.#resolve(selection, 'delete');
    if (!resolved) return 0;
    return this.#write(`delete from ${selection.collection.qualifiedName}`, resolved, { kind: 'delete' });
  }

  /** Whole keys when the selection only names placeholders of a hash or string; row by row otherwise. */
  #write(operation: string, resolved: RedisSelection, change: Parameters<typeof writeRows>[3]): Promise<number> {
    return this.#run(operation, async () => {
      const options = { batchSize: WRITE_BATCH, checkType: true, assertOpen: this.#assertOpen };
      let total = 0;
      const wholeKeys =
        resolved.valueTerms.length === 0 && (change.kind === 'delete' || resolved.type === 'hash' || resolved.type === 'string');
      if (wholeKeys) {
        for await (const keys of keyBatches(this.#client, resolved, options))
          total += await writeKeys(this.#client, resolved.type, keys, change);
      } else {
        for await (const rows of rowBatches(this.#client, resolved, options))
          total += await writeRows(this.#client, resolved.type, rows, change);
      }
      return total;
    });
  }

  /** Checks the selection; undefined when it matches nothing. A `$key` list selects exact keys (as found earlier). */
  #resolve(selection: Selection, write?: 'update' | 'delete'): RedisSelection | undefined {
    this.#assertOpen();
    const { [REDIS_KEY_FIELD]: exactKeys, ...where } = selection.where ?? {};
    if (exactKeys !== undefined && !Array.isArray(exactKeys)) throw invalid(`the ${REDIS_KEY_FIELD} selection must be a list of keys`);
    const checked = checkSelection({ collection: selection.collection, where });
    if (write && exactKeys === undefined) assertBounded(checked, write);
    const type: RedisType = selection.collection.type ?? 'hash';
    const pattern = parseKeyPattern(selection.collection);
    const valueTerms = checked.terms.filter((term) => !pattern.fields.includes(term.field));
    if (type !== 'hash') {
      const unknown = valueTerms.find((term) => !NATURAL_FIELDS[type].includes(term.field));
      if (unknown)
        throw invalid(`${selection.collection.qualifiedName} is a Redis ${type}: it has no field "${unknown.field}" to select on`);
    }
    if (checked.matchesNothing || (exactKeys !== undefined && exactKeys.length === 0)) return undefined;
    let plan: KeyPlan = planKeys(pattern, checked.terms);
    if (exactKeys !== undefined) {
      const fits = keyFilter(plan, pattern);
      plan = { mode: 'keys', keys: [...new Set(exactKeys.map(String))].filter(fits) };
    }
    return { type, pattern, plan, valueTerms };
  }

  async #run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#wrap(error, operation);
    }
  }
}

/** Whether an exact key also satisfies the pattern and the placeholder terms of the selection. */
function keyFilter(plan: KeyPlan, pattern: KeyPattern): (key: string) => boolean {
  const keys = plan.mode === 'keys' ? new Set(plan.keys) : undefined;
  return (key) => {
    const captures = captureKey(pattern, key);
    return captures !== undefined && (keys ? keys.has(key) : plan.mode === 'scan' && plan.accepts(captures));
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
