// Compiled SQL by query shape: Kysely builds and compiles each shape once, later calls only bind their values in order.
import type { Compilable, CompiledQuery } from 'kysely';
import { CustosError } from '../../errors.js';
import { Lru } from './lru.js';

/** Shapes kept per connector (default of `ShapeCache`'s capacity); least recently used evicted. */
const SHAPE_CACHE_SIZE = 256;

/** Longer lists bound value by value are compiled each time: their lengths rarely repeat, and their SQL is long. */
const MAX_CACHED_LIST = 64;

/**
 * Stands for argument `index` while a shape compiles (or its element `position`, for an IN-list bound value by value).
 * Slots never reach a database: each becomes the call's value when the statement is bound.
 */
class Slot {
  constructor(
    readonly index: number,
    readonly position = -1,
  ) {}
}

/** Builds a shape's query from stand-ins: one Slot per scalar, one array of Slots per IN-list. */
export type ShapeBuilder = (scalars: readonly unknown[], lists: readonly (readonly unknown[])[]) => Compilable<unknown>;

interface Shape {
  readonly compiled: CompiledQuery;
  /** Where each parameter of `compiled` comes from. */
  readonly bindings: readonly Slot[];
}

export interface ShapeCacheOptions {
  /** IN-lists of at least this many values bind as one array parameter, so their lengths do not change the SQL. */
  readonly arrayListFrom: number;
  /** Shapes kept (default 256). */
  readonly capacity?: number;
}

export class ShapeCache {
  readonly #shapes: Lru<string, Shape>;
  readonly #arrayListFrom: number;

  constructor(options: ShapeCacheOptions) {
    this.#shapes = new Lru(options.capacity ?? SHAPE_CACHE_SIZE);
    this.#arrayListFrom = options.arrayListFrom;
  }

  get size(): number {
    return this.#shapes.size;
  }

  clear(): void {
    this.#shapes.clear();
  }

  /**
   * The statement of shape `key` with the call's values bound: `scalars` (assignments, paging) and one encoded list per
   * IN-list. `key` must name everything but the values and the list lengths (added here, except for lists bound as one
   * array); on a miss `build` compiles the shape once.
   */
  statement(key: string, scalars: readonly unknown[], lists: readonly (readonly unknown[])[], build: ShapeBuilder): CompiledQuery {
    let fullKey = key;
    let cacheable = true;
    for (const list of lists) {
      const asArray = list.length >= this.#arrayListFrom;
      fullKey += asArray ? ' array' : ` ${list.length}`;
      if (!asArray && list.length > MAX_CACHED_LIST) cacheable = false;
    }
    let shape = cacheable ? this.#shapes.get(fullKey) : undefined;
    if (!shape) {
      shape = compileShape(build, scalars.length, lists, this.#arrayListFrom);
      if (cacheable) this.#shapes.set(fullKey, shape);
    }
    const parameters: unknown[] = [];
    for (const { index, position } of shape.bindings) {
      const argument = index < scalars.length ? scalars[index] : lists[index - scalars.length];
      parameters.push(position < 0 ? argument : (argument as readonly unknown[])[position]);
    }
    const { sql, query, queryId } = shape.compiled;
    return { sql, query, queryId, parameters };
  }
}

function compileShape(build: ShapeBuilder, scalarCount: number, lists: readonly (readonly unknown[])[], arrayListFrom: number): Shape {
  const scalars = Array.from({ length: scalarCount }, (_, index) => new Slot(index));
  const listSlots = lists.map((list, j) => Array.from(list, (_, position) => new Slot(scalarCount + j, position)));
  const compiled = build(scalars, listSlots).compile();
  const bindings = compiled.parameters.map((parameter) => {
    if (parameter instanceof Slot) {
      // The shape of an array list serves every length: an element of it bound on its own would bind the wrong value.
      const list = lists[parameter.index - scalarCount];
      if (parameter.position >= 0 && list && list.length >= arrayListFrom) throw unbound('an element of an array list is bound on its own');
      return parameter;
    }
    const list = listSlots.indexOf(parameter as Slot[]);
    if (list >= 0) return new Slot(scalarCount + list);
    // Every value must come from the call: a constant here would be a value compiled into the cached shape.
    throw unbound('a parameter is not one of the call values');
  });
  return { compiled, bindings };
}

function unbound(why: string): CustosError {
  return new CustosError({ code: 'internal', message: `cannot cache the statement's shape: ${why}` });
}
