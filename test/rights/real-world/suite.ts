// The ground-truth suite every real-world schema runs: for each person, access exports exactly the rows hand-written
// SQL finds, and erasure changes every table exactly as a hand-written expectation says, the store's constraints intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HoldRecord } from '../../../src/store/index.js';
import { diff, expectedDiff, ids, type Diff, type HandSql, type Row, type Value } from './tables.js';
import { backends, createWorld, type Backend, type SchemaSpec, type World } from './world.js';

/** What hand-written SQL says one request must do, read from the store as it is just before the request. */
export interface Truth {
  /** Table → primary keys of the person's rows (as a list). */
  readonly access: Record<string, string[]>;
  /** Rows erasure deletes, and per kept row the columns it changes (to their new value). */
  readonly erasure: {
    deleted?: Record<string, string[]>;
    changed?: Record<string, Record<string, Row>>;
    /** Table → the kept rows legal-hold records must cover (by primary key), and the hold; other tables get none. */
    held?: Record<string, { hold: string; keys: string[] }>;
  };
}

export interface Person {
  /** Who this is and why they are here (household member, support rep of many…). */
  readonly who: string;
  readonly identity: string;
  readonly value: string;
  /** Each must match one of the erasure's notes (a kept parent names the NOT NULL column that keeps it). */
  readonly notes?: readonly RegExp[];
}

export function groundTruthSuite(
  spec: SchemaSpec,
  server: 'postgres' | 'mysql',
  people: readonly Person[],
  truth: (sql: HandSql, person: Person) => Promise<Truth>,
  extra?: (world: () => World, backend: Backend) => void,
) {
  for (const { backend, enabled } of backends(server)) {
    describe.skipIf(!enabled)(`${spec.name} ground truth on ${backend}`, () => {
      let world: World;
      beforeAll(async () => {
        world = await createWorld(spec, backend);
      }, 60_000);
      afterAll(async () => world?.cleanup());

      // The public schemas have no column to mark a restricted row: the one warning says restriction has no mark (CUS071).
      it('its manifest compiles from its folder with no error, and warns only that restriction has no mark', () => {
        expect(world.warnings).toEqual([expect.stringMatching(/^CUS071 /)]);
      });

      // Access first, on the data as seeded; erasures then run one after the other, each against the store as it is.
      for (const person of people) {
        it(`access exports exactly the rows of ${person.who}, nobody else's`, async () => {
          const expected = (await truth(world.sql, person)).access;
          expect(Object.values(expected).flat().length, 'the hand-written truth finds the person').toBeGreaterThan(0);
          const exported = await world.access(person.identity, person.value);
          expect(exported).toEqual(dropEmpty(expected));
        });
      }
      for (const person of people) {
        it(`erasure of ${person.who} changes exactly what it must`, async () => {
          const { erasure } = await truth(world.sql, person);
          const before = await world.snapshot();
          const result = await world.erase(person.identity, person.value);
          const after = await world.snapshot();
          expect(result.status).toBe('completed');
          const changes: Diff = diff(before, after);
          expect(changes).toEqual(expectedDiff(erasure));
          expect(await world.foreignKeyViolations()).toEqual([]);
          if (result.status === 'completed') expect(await heldRows(world.sql, result.holds)).toEqual(erasure.held ?? {});
          const notes = result.status === 'completed' ? result.notes : [];
          for (const note of person.notes ?? [])
            expect(
              notes.some((n) => note.test(n)),
              `a note matches ${String(note)}: ${notes.join(' | ')}`,
            ).toBe(true);
        });
      }
      extra?.(() => world, backend);
    });
  }
}

/**
 * The rows the erasure's hold records cover, per table, read back with hand-written SQL after the erasure: a record names
 * one row by key, or a selection (OR of ANDed IN-lists) that must still find the kept rows.
 */
async function heldRows(sql: HandSql, holds: readonly HoldRecord[]): Promise<Record<string, { hold: string; keys: string[] }>> {
  const out: Record<string, { hold: string; keys: Set<string> }> = {};
  for (const h of holds) {
    const selections = (h.key.startsWith('[') ? JSON.parse(h.key) : [JSON.parse(h.key)]) as Record<string, Value | Value[]>[];
    const clauses = selections.map((where) =>
      Object.entries(where)
        .map(([field, values]) => `${field} IN (${marks(Array.isArray(values) ? values : [values])})`)
        .join(' AND '),
    );
    const params = selections.flatMap((where) => Object.values(where).flatMap((v) => (Array.isArray(v) ? v : [v])));
    const entry = (out[h.collection] ??= { hold: h.hold, keys: new Set() });
    expect(entry.hold, `${h.collection} is held under one hold`).toBe(h.hold);
    for (const key of await ids(sql, `SELECT id FROM ${h.collection} WHERE ${clauses.join(' OR ')}`, params)) entry.keys.add(key);
  }
  return Object.fromEntries(Object.entries(out).map(([t, e]) => [t, { hold: e.hold, keys: [...e.keys].sort() }]));
}

function dropEmpty(rows: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(rows)
      .filter(([, keys]) => keys.length > 0)
      .map(([t, keys]) => [t, [...keys].sort()]),
  );
}

/**
 * `?, ?, ?` for a list of values; an empty list gives `-1`, a key no row has, so `IN` matches nothing and `NOT IN`
 * everything (`NOT IN (NULL)` would match nothing).
 */
export function marks(values: readonly unknown[]): string {
  return values.length === 0 ? '-1' : values.map(() => '?').join(', ');
}
