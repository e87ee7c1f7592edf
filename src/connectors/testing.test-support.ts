// Test fixtures for connector suites: CollectionModels built literally, and the rows the contract suite works on.
import type { CollectionModel, FieldModel, RedisType } from '../policy/index.js';

export interface CollectionFixture {
  readonly dataset?: string;
  readonly name: string;
  readonly fields: readonly string[];
  readonly primaryKey?: readonly string[];
  /** Identity key → field. */
  readonly identity?: Readonly<Record<string, string>>;
  readonly key?: string;
  readonly type?: RedisType;
  readonly keyIndex?: string;
}

/** A CollectionModel as the compiler would produce it, with only what connectors read filled in. */
export function collectionModel(fixture: CollectionFixture): CollectionModel {
  const dataset = fixture.dataset ?? 'test';
  const fields = new Map<string, FieldModel>(
    fixture.fields.map((name) => [name, { name, dataset, collection: fixture.name, protection: 'clear', provided: false }]),
  );
  return {
    dataset,
    name: fixture.name,
    qualifiedName: `${dataset}.${fixture.name}`,
    key: fixture.key,
    type: fixture.type,
    keyIndex: fixture.keyIndex,
    primaryKey: fixture.primaryKey ?? [],
    identity: new Map(Object.entries(fixture.identity ?? {})),
    identityFields: new Map(Object.entries(fixture.identity ?? {}).map(([key, field]) => [key, [field]])),
    timestamps: {},
    onErase: 'delete-row',
    outbox: false,
    provided: false,
    fields,
  };
}

/** A row of the contract suite's `people` collection; `order` and `group` are reserved words on purpose. */
export interface Person {
  readonly id: number;
  readonly email: string;
  readonly status: string;
  readonly order: number;
  readonly group: string;
  readonly note: string | null;
}

export const PEOPLE_FIELDS = ['id', 'email', 'status', 'order', 'group', 'note'] as const;

export const PEOPLE: readonly Person[] = [
  { id: 1, email: 'ada@example.test', status: 'active', order: 10, group: 'a', note: 'first' },
  { id: 2, email: 'grace@example.test', status: 'active', order: 20, group: 'b', note: null },
  { id: 3, email: 'alan@example.test', status: 'closed', order: 30, group: 'a', note: 'third' },
  { id: 4, email: 'edsger@example.test', status: 'active', order: 40, group: 'b', note: 'fourth' },
  { id: 5, email: 'barbara@example.test', status: 'closed', order: 50, group: 'c', note: null },
];

/** Rows the streaming test adds: ids after the fixture, status `bulk`, a 200-character note so buffering would show. */
export function bulkPerson(index: number): Person {
  const id = 1000 + index;
  return { id, email: `bulk${id}@example.test`, status: 'bulk', order: id, group: 'z', note: 'x'.repeat(200) };
}

/** A name no other suite running in parallel uses: `custos_<prefix>_<random>`. */
export function uniqueName(prefix: string): string {
  return `custos_${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
