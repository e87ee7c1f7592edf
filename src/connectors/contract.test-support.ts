// The behaviours every connector must show, as one vitest suite each engine's test file runs against a real server.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionModel } from '../policy/index.js';
import type { Connector, ConnectorCapabilities, IntrospectedCollection, Row, Selection, Value } from './connector.js';
import { PEOPLE, type Person } from './testing.test-support.js';

export interface ContractFixture {
  /** The `people` collection (fields of `Person`) as this store holds it: a table, or Redis hashes keyed by id. */
  readonly people: CollectionModel;
  /** A new connector on the store; the suite closes what it opens. */
  open(): Promise<Connector>;
  /** Replaces every row of `people` with `rows`. */
  reset(rows: readonly Person[]): Promise<void>;
  /** Adds `bulkPerson(0)`…`bulkPerson(count - 1)`, in bulk (not through the connector). */
  seedBulk(count: number): Promise<void>;
  /** Recognises `people` among introspected collections. */
  isPeople(collection: IntrospectedCollection): boolean;
  /** Drops what setup created. */
  dispose(): Promise<void>;
}

/** Rows the streaming test reads (default 100,000). */
const BULK_ROWS = 100_000;
/** Heap a streaming find may retain half-way through, after a forced GC; buffering 100,000 rows takes several times more. */
const STREAM_HEAP_LIMIT = 16 * 1024 * 1024;

/**
 * Runs the contract against one engine. `capabilities` is what the engine declares (checked against the connector it opens):
 * a test of a capability the engine lacks is reported skipped, the capability named in its title, never passed green.
 */
export function describeConnectorContract(name: string, capabilities: ConnectorCapabilities, setup: () => Promise<ContractFixture>): void {
  /** A test of what only connectors with these capabilities do: skipped, and named so, on the others. */
  const given = (...needed: (keyof ConnectorCapabilities)[]) => {
    const missing = needed.filter((capability) => !capabilities[capability]);
    const test = it.skipIf(missing.length > 0);
    return (title: string, fn: () => Promise<void>, options: { readonly timeout?: number } = {}) =>
      test(`${title} [capability: ${needed.join(', ')}${missing.length > 0 ? `; ${name} has no ${missing.join(', ')}` : ''}]`, options, fn);
  };

  describe(`${name} connector contract`, () => {
    let fixture: ContractFixture;
    let connector: Connector;
    const where = (clause: Selection['where']): Selection => ({ collection: fixture.people, where: clause });

    beforeAll(async () => {
      fixture = await setup();
      connector = await fixture.open();
      expect(connector.capabilities).toEqual(capabilities);
    });
    afterAll(async () => {
      await connector?.close();
      await fixture?.dispose();
    });
    beforeEach(() => fixture.reset(PEOPLE));

    it('finds the rows whose field is in the list', async () => {
      const rows = await collect(connector.find(where({ id: [1, 3, 99] })));
      expect(ids(rows)).toEqual([1, 3]);
      const ada = rows.find((row) => Number(row.id) === 1);
      expect(ada && [String(ada.email), String(ada.order), String(ada.group)]).toEqual(['ada@example.test', '10', 'a']);
    });

    it('hands the same rows out in pages no larger than the batch size', async () => {
      const selection = where({ id: [1, 2, 3, 4, 5] });
      const pages: (readonly Row[])[] = [];
      for await (const page of connector.findPages(selection, { batchSize: 2 })) pages.push(page);
      expect(pages.every((page) => page.length > 0 && page.length <= 2)).toBe(true);
      expect(ids(pages.flat())).toEqual(ids(await collect(connector.find(selection))));
    });

    it('ANDs the lists of several fields', async () => {
      expect(ids(await collect(connector.find(where({ status: ['active'], group: ['b'] }))))).toEqual([2, 4]);
      expect(ids(await collect(connector.find(where({ id: [1, 2, 3], status: ['closed'] }))))).toEqual([3]);
    });

    it('quotes identifiers: fields named order and group work, and fields limits the columns', async () => {
      const rows = await collect(connector.find(where({ order: [10, 30], group: ['a'] }), { fields: ['id', 'order', 'group'] }));
      expect(ids(rows)).toEqual([1, 3]);
      for (const row of rows)
        expect(
          Object.keys(row)
            .filter((key) => !key.startsWith('$'))
            .sort(),
        ).toEqual(['group', 'id', 'order']);
    });

    it('matches nothing with an empty list when reading', async () => {
      expect(await collect(connector.find(where({ id: [] })))).toEqual([]);
      expect(await collect(connector.find(where({ id: [1], status: [] })))).toEqual([]);
      expect(await connector.count(where({ id: [] }))).toBe(0);
      expect(await connector.count(where({}))).toBe(PEOPLE.length);
    });

    it('refuses an update or delete with an empty value list, naming the collection, and writes nothing', async () => {
      const name = fixture.people.qualifiedName;
      await expectRefusal(connector.update(where({ id: [] }), { status: 'gone' }), name);
      await expectRefusal(connector.delete(where({ status: [] })), name);
      await expectRefusal(connector.delete(where({ id: [1], status: [] })), name);
      await expectRefusal(connector.update(where([{ id: [] }, { id: [1] }]), { status: 'gone' }), name);
      await expectRefusal(connector.delete(where([{ id: [4] }, { id: [1], status: [] }])), name);
      await expectRefusal(
        connector.transaction((session) => session.delete(where({ id: [] }))),
        name,
      );
      expect(await connector.count(where({}))).toBe(PEOPLE.length);
      expect(await connector.count(where({ status: ['gone'] }))).toBe(0);
    });

    it('ORs an array of groups: each row once, however many groups match it', async () => {
      expect(ids(await collect(connector.find(where([{ status: ['closed'] }, { group: ['a'] }]), { batchSize: 1 })))).toEqual([1, 3, 5]);
      const rows = await collect(
        connector.find(where([{ id: [1, 2] }, { id: [2], status: ['active'] }, { order: [20] }]), { fields: ['email'] }),
      );
      expect(rows.map((row) => String(row.email)).sort()).toEqual(['ada@example.test', 'grace@example.test']);
      expect(ids(await collect(connector.find(where([{ id: [] }, { id: [4] }]))))).toEqual([4]);
      expect(ids(await collect(connector.find(where([{ id: [1] }, {}]))))).toEqual([1, 2, 3, 4, 5]);
      expect(ids(await collect(connector.find(where([{ id: [2] }]))))).toEqual([2]);
    });

    it('counts an OR once per row', async () => {
      expect(await connector.count(where([{ status: ['closed'] }, { group: ['a'] }]))).toBe(3);
      expect(await connector.count(where([{ id: [1, 2] }, { id: [2, 3] }, { status: ['closed'] }]))).toBe(4);
    });

    it('updates and deletes the union of an OR, each row once', async () => {
      expect(await connector.update(where([{ status: ['closed'] }, { group: ['a'] }]), { note: 'either' })).toBe(3);
      expect(ids(await collect(connector.find(where({ note: ['either'] }))))).toEqual([1, 3, 5]);
      expect(await connector.delete(where([{ id: [2] }, { group: ['b'] }]))).toBe(2);
      expect(ids(await collect(connector.find(where({}))))).toEqual([1, 3, 5]);
    });

    it('reads nothing with an array whose groups are all empty, or with no group, and refuses to write on it', async () => {
      const empty = where([{ id: [] }, { id: [1], status: [] }]);
      expect(await collect(connector.find(empty))).toEqual([]);
      expect(await connector.count(empty)).toBe(0);
      await expectCode(connector.update(empty, { status: 'gone' }), 'invalid-input');
      await expectCode(connector.delete(empty), 'invalid-input');
      expect(await collect(connector.find(where([])))).toEqual([]);
      expect(await connector.count(where([]))).toBe(0);
      expect(await connector.count(where({}))).toBe(PEOPLE.length);
    });

    it('refuses an update or delete with no group, or with a group that names no field', async () => {
      await expectCode(connector.update(where([]), { status: 'x' }), 'invalid-input');
      await expectCode(connector.delete(where([])), 'invalid-input');
      await expectCode(connector.update(where([{ id: [1] }, {}]), { status: 'x' }), 'invalid-input');
      await expectCode(connector.delete(where([{}])), 'invalid-input');
      expect(await connector.count(where({ status: ['active'] }))).toBe(3);
    });

    it('runs an OR too large for one statement, still each row once', async () => {
      const none = (prefix: string) => Array.from({ length: 20_000 }, (_, index) => `${prefix}${index}@nowhere.test`);
      const ors = where([
        { id: [1, 3, ...Array.from({ length: 20_000 }, (_, index) => 100_000 + index)] },
        { email: ['alan@example.test', 'barbara@example.test', ...none('x')] },
      ]);
      const rows = await collect(connector.find(ors, { fields: ['email'] }));
      expect(rows.map((row) => String(row.email)).sort()).toEqual(['ada@example.test', 'alan@example.test', 'barbara@example.test']);
      expect(rows.every((row) => Object.keys(row).every((key) => key === 'email' || key === '$key'))).toBe(true);
      expect(await connector.count(ors)).toBe(3);
      expect(await connector.update(ors, { note: 'many' })).toBe(3);
      expect(await connector.delete(ors)).toBe(3);
      expect(ids(await collect(connector.find(where({}))))).toEqual([2, 4]);
    });

    it('counts matching rows', async () => {
      expect(await connector.count(where({ status: ['active'] }))).toBe(3);
      expect(await connector.count(where({ id: [1, 2, 99], group: ['a', 'b'] }))).toBe(2);
      expect(await connector.count(where({}))).toBe(PEOPLE.length);
    });

    it('updates matching rows and returns how many it matched', async () => {
      expect(await connector.update(where({ id: [1, 2] }), { status: 'closed', note: 'café ☕' })).toBe(2);
      const rows = await collect(connector.find(where({ status: ['closed'] })));
      expect(ids(rows)).toEqual([1, 2, 3, 5]);
      expect(rows.filter((row) => row.note === 'café ☕').length).toBe(2);
      expect(await connector.update(where({ id: [1, 2] }), { status: 'closed' })).toBe(2);
      expect(await connector.update(where({ id: [99] }), { status: 'closed' })).toBe(0);
    });

    it('gives rows values of their own in one call, a row named twice counted once with its later values', async () => {
      const people = fixture.people;
      const touched = await connector.updateEach(people, [
        { key: { id: 1 }, set: { note: 'one', status: 'x1' } },
        { key: { id: 3 }, set: { note: 'three', status: 'x3' } },
        { key: { id: 4 }, set: { note: 'four' } },
        { key: { id: 1 }, set: { note: 'one again' } },
        { key: { id: 99 }, set: { note: 'nobody' } },
      ]);
      expect(touched).toBe(3);
      const rows = await collect(connector.find(where({})));
      expect(Object.fromEntries(rows.map((row) => [Number(row.id), [row.note, row.status]]))).toEqual({
        1: ['one again', 'x1'],
        2: [null, 'active'],
        3: ['three', 'x3'],
        4: ['four', 'active'],
        5: [null, 'closed'],
      });
      expect(await connector.updateEach(people, [])).toBe(0);
    });

    it('gives values of their own to more rows than one statement carries, inside a transaction', async () => {
      await fixture.seedBulk(150);
      const rows = Array.from({ length: 150 }, (_, index) => ({ key: { id: 1000 + index }, set: { note: `bulk note ${index}` } }));
      expect(await connector.transaction((session) => session.updateEach(fixture.people, rows))).toBe(150);
      const found = await collect(connector.find(where({ id: [1000, 1063, 1064, 1149] })));
      expect(Object.fromEntries(found.map((row) => [Number(row.id), row.note]))).toEqual({
        1000: 'bulk note 0',
        1063: 'bulk note 63',
        1064: 'bulk note 64',
        1149: 'bulk note 149',
      });
    });

    it('refuses a per-row update that names its row by no field, sets nothing, or names a field that is not plain', async () => {
      await expectCode(connector.updateEach(fixture.people, [{ key: {}, set: { note: 'x' } }]), 'invalid-input');
      await expectCode(connector.updateEach(fixture.people, [{ key: { id: 1 }, set: {} }]), 'invalid-input');
      await expectCode(connector.updateEach(fixture.people, [{ key: { 'id; drop': 1 }, set: { note: 'x' } }]), 'invalid-input');
      const [ada] = await collect(connector.find(where({ id: [1] })));
      expect(ada?.note).toBe('first');
    });

    it('sets a field to null', async () => {
      await connector.update(where({ id: [1] }), { note: null });
      const [row] = await collect(connector.find(where({ id: [1] })));
      expect(row?.note).toBeNull();
    });

    it('deletes matching rows and returns how many', async () => {
      expect(await connector.delete(where({ status: ['closed'] }))).toBe(2);
      expect(ids(await collect(connector.find(where({}))))).toEqual([1, 2, 4]);
    });

    it('refuses an update or delete that names no field', async () => {
      await expectRefusal(connector.update(where({}), { status: 'x' }), fixture.people.qualifiedName);
      await expectRefusal(connector.delete(where({})), fixture.people.qualifiedName);
      await expectRefusal(
        connector.transaction((session) => session.update(where({}), { status: 'x' })),
        fixture.people.qualifiedName,
      );
      expect(await connector.count(where({ status: ['active'] }))).toBe(3);
    });

    it('commits a transaction that resolves and rolls back one that throws (or says it cannot)', async () => {
      expect(await connector.transaction((session) => session.update(where({ id: [1] }), { status: 'done' }))).toBe(1);
      const failing = connector.transaction(async (session) => {
        await session.update(where({ id: [2] }), { status: 'done' });
        throw new Error('work failed');
      });
      await expect(failing).rejects.toThrow('work failed');
      const done = ids(await collect(connector.find(where({ status: ['done'] }))));
      expect(done).toEqual(connector.capabilities.transactions ? [1] : [1, 2]);
    });

    it('reads then writes inside a transaction', async () => {
      const deleted = await connector.transaction(async (session) => {
        const closed = await collect(session.find(where({ status: ['closed'] })));
        return session.delete(where({ id: closed.map((row) => Number(row.id)) }));
      });
      expect(deleted).toBe(2);
      expect(await connector.count(where({ status: ['closed'] }))).toBe(0);
    });

    given('transactions')('refuses a transaction session once the transaction ended', async () => {
      let kept: Parameters<Parameters<Connector['transaction']>[0]>[0] | undefined;
      await connector.transaction(async (session) => {
        kept = session;
        return session.count(where({}));
      });
      await expectCode(kept!.count(where({})), 'closed');
    });

    given('streaming')(
      'streams 100,000 rows without holding them',
      async () => {
        await fixture.seedBulk(BULK_ROWS);
        const gc = forcedGc();
        gc();
        const before = process.memoryUsage().heapUsed;
        let seen = 0;
        let retained = 0;
        for await (const row of connector.find(where({ status: ['bulk'] }), { batchSize: 1000 })) {
          seen++;
          if (seen === 1) expect(String(row.note).length).toBe(200);
          if (seen === BULK_ROWS / 2) {
            gc();
            retained = process.memoryUsage().heapUsed - before;
          }
        }
        expect(seen).toBe(BULK_ROWS);
        expect(retained).toBeLessThan(STREAM_HEAP_LIMIT);
      },
      { timeout: 180_000 },
    );

    it('releases what a find held when the caller stops early', async () => {
      for (let round = 0; round < 25; round++) {
        for await (const row of connector.find(where({}), { batchSize: 2 })) {
          expect(row).toBeDefined();
          break;
        }
      }
      expect(await connector.count(where({}))).toBe(PEOPLE.length);
    });

    it('stops a find when its signal aborts', async () => {
      await expectCode(collect(connector.find(where({}), { signal: AbortSignal.abort() })), 'aborted');
      const controller = new AbortController();
      const reading = (async () => {
        for await (const _row of connector.find(where({}), { signal: controller.signal, batchSize: 1 })) controller.abort();
      })();
      await expectCode(reading, 'aborted');
    });

    it('rejects identifiers that are not plain names', async () => {
      await expectCode(collect(connector.find(where({ 'id; drop table people': [1] }))), 'invalid-input');
      await expectCode(collect(connector.find(where({ id: [1] }), { fields: ['email"'] })), 'invalid-input');
      await expectCode(connector.count(where({ 'a.b': [1] })), 'invalid-input');
      await expectCode(connector.update(where({ id: [1] }), { 'bad-name': 1 }), 'invalid-input');
      await expectCode(connector.delete(where({ '1id': [1] })), 'invalid-input');
      expect(await connector.count(where({}))).toBe(PEOPLE.length);
    });

    given('tables')('rejects a table name that is not a plain name', async () => {
      const bad = { ...fixture.people, name: 'people; --' };
      await expectCode(connector.count({ collection: bad, where: {} }), 'invalid-input');
      expect(await connector.count(where({}))).toBe(PEOPLE.length);
    });

    it('answers a ping', async () => {
      await expect(connector.ping()).resolves.toBeUndefined();
    });

    given('introspection')('introspects the collection: its fields and samples of their values', async () => {
      const collections = await connector.introspect({ sampleSize: 3 });
      const people = collections.find((collection) => fixture.isPeople(collection));
      expect(people).toBeDefined();
      const columns = new Map(people!.columns.map((column) => [column.name, column]));
      for (const field of ['email', 'order', 'group']) expect(columns.has(field)).toBe(true);
      expect(columns.get('email')!.samples.length).toBe(3);
      expect(columns.get('email')!.samples.every((sample) => typeof sample === 'string' && sample.endsWith('@example.test'))).toBe(true);
    });

    given('introspection', 'tables')('introspection marks the primary key column', async () => {
      const people = (await connector.introspect({ sampleSize: 1 })).find((collection) => fixture.isPeople(collection));
      expect(people?.columns.find((column) => column.name === 'id')?.primaryKey).toBe(true);
    });

    it('closes while a find is left unfinished, and that find then fails instead of looking complete', async () => {
      const other = await fixture.open();
      const rows = other.find(where({}), { batchSize: 1 })[Symbol.asyncIterator]();
      expect((await rows.next()).done).toBe(false);
      await other.close();
      await expectCode(rows.next(), 'closed');
    });

    it('refuses use after close', async () => {
      const other = await fixture.open();
      await other.close();
      await other.close();
      await expectCode(collect(other.find(where({ id: [1] }))), 'closed');
      await expectCode(other.count(where({})), 'closed');
      await expectCode(other.update(where({ id: [1] }), { status: 'x' }), 'closed');
      await expectCode(other.delete(where({ id: [1] })), 'closed');
      await expectCode(
        other.transaction(async () => 1),
        'closed',
      );
      await expectCode(other.ping(), 'closed');
      await expectCode(other.introspect(), 'closed');
    });
  });
}

export async function collect(rows: AsyncIterable<Row>): Promise<Row[]> {
  const out: Row[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

function ids(rows: readonly Row[]): number[] {
  return rows.map((row) => Number(row.id as Value)).sort((a, b) => a - b);
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'CustosError', code });
}

/** A write refused before it reaches the store: 'invalid-input', its message naming the collection. */
async function expectRefusal(promise: Promise<unknown>, collection: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'CustosError', code: 'invalid-input', message: expect.stringContaining(collection) });
}

/** `global.gc` without `--expose-gc` on the command line. */
function forcedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
