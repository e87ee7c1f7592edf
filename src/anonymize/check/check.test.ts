import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAnonymity, checkAnonymityOfPages, compileOperator, epochPseudonym, pseudonymEpochKey, type AnonymityRow } from '../index.js';
import { equivalenceClasses } from './classes.js';
import { ColumnCollector } from './columns.js';

const DIAGNOSES = ['flu', 'asthma', 'migraine'];
/** 16 groups (decade × postcode area × sex) of 6 people each, exact ages and full postcodes all different. */
function patients(): AnonymityRow[] {
  const rows: AnonymityRow[] = [];
  let id = 0;
  for (const decade of [20, 30, 40, 50])
    for (const area of ['H2X', 'H3A'])
      for (const sex of ['F', 'M'])
        for (let i = 0; i < 6; i++) {
          id++;
          rows.push({
            age: String(decade + i),
            postcode: `${area} ${i}B${id % 10}`,
            sex,
            visited: `2025-0${1 + (i % 9)}-1${i}`,
            diagnosis: DIAGNOSES[(id + i) % 3] as string,
          });
        }
  return rows;
}

const generalised = (rows: readonly AnonymityRow[]): AnonymityRow[] => {
  const age = compileOperator({ op: 'band', width: 10 }, {}, 'age');
  const postcode = compileOperator({ op: 'postcode-prefix', length: 3 }, {}, 'postcode');
  const visited = compileOperator({ op: 'generalise-date', to: 'year' }, {}, 'visited');
  return rows.map((r) => ({ ...r, age: age(r.age), postcode: postcode(r.postcode), visited: visited(r.visited) }));
};

const QUASI = ['age', 'postcode', 'sex', 'visited'];

describe('singling out', () => {
  it('fails a table where a combination of quasi-identifiers is unique, and passes it once generalised', () => {
    const raw = checkAnonymity(patients(), { quasi: QUASI, sensitive: 'diagnosis', k: 5 });
    expect(raw.passed).toBe(false);
    expect(raw.singlingOut).toMatchObject({ passed: false, smallestClass: 1, classes: 96, recordsBelowK: 96, shareBelowK: 1 });

    const after = checkAnonymity(generalised(patients()), { quasi: QUASI, sensitive: 'diagnosis', k: 5, l: 2 });
    expect(after.singlingOut).toMatchObject({ passed: true, smallestClass: 6, classes: 16, classesBelowK: 0, recordsBelowK: 0 });
    expect(after.inference).toMatchObject([{ passed: true, smallestL: 3, classesWithOneValue: 0 }]);
    expect(after.linkability.passed).toBe(true);
    expect(after.passed).toBe(true);
  });

  it('allows a declared share of records in small classes (a suppression budget), and no more', () => {
    const rows = [...generalised(patients()), { age: '[90, 100)', postcode: 'G1A*', sex: 'F', visited: '2025', diagnosis: 'flu' }];
    expect(checkAnonymity(rows, { quasi: QUASI, k: 5 }).singlingOut).toMatchObject({ passed: false, recordsBelowK: 1 });
    expect(checkAnonymity(rows, { quasi: QUASI, k: 5, maxShareBelowK: 0.02 }).singlingOut.passed).toBe(true);
  });

  it('finds the same classes as joining the values into one string, whatever the columns’ widths', () => {
    let seed = 11;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const rows = Array.from({ length: 60_000 }, (_, i) => ({ a: next(200_000), b: `b${next(200_000)}`, c: next(3), d: i % 7 }));
    const collector = new ColumnCollector(['a', 'b', 'c', 'd']);
    rows.forEach((r) => collector.addRecord(r));
    const classes = equivalenceClasses(collector.finish(), rows.length);
    const joined = new Map<string, number>();
    rows.forEach((r) => joined.set(`${r.a}|${r.b}|${r.c}|${r.d}`, (joined.get(`${r.a}|${r.b}|${r.c}|${r.d}`) ?? 0) + 1));
    expect(classes.sizes.length).toBe(joined.size);
    expect([...classes.sizes].sort((x, y) => x - y)).toEqual([...joined.values()].sort((x, y) => x - y));
    // Rows in one class share every quasi-identifier.
    const keyOfClass = new Map<number, string>();
    const mixed = rows.filter((r, i) => {
      const key = `${r.a}|${r.b}|${r.c}|${r.d}`;
      const cls = classes.classOf[i] as number;
      const seen = keyOfClass.get(cls);
      keyOfClass.set(cls, key);
      return seen !== undefined && seen !== key;
    });
    expect(mixed).toEqual([]);
  });
});

describe('linkability', () => {
  const emails = Array.from({ length: 40 }, (_, i) => `Person${i}@Example.com`);
  const base = generalised(patients()).slice(0, 40);

  it('flags an unkeyed SHA-256 of e-mail addresses, recomputed from the known addresses', () => {
    const rows = base.map((r, i) => ({ ...r, email_hash: createHash('sha256').update(emails[i]!.trim().toLowerCase()).digest('hex') }));
    const report = checkAnonymity(rows, { quasi: ['age', 'sex'], knownIdentifiers: emails });
    expect(report.linkability.passed).toBe(false);
    expect(report.linkability.unkeyedHashes).toEqual([
      { column: 'email_hash', algorithm: 'sha256', evidence: 'recomputed', values: 40, variant: 'lowercase' },
    ]);
  });

  it('flags hex digests by their shape without a list, and a column of values unique to each record', () => {
    const rows = base.map((r, i) => ({ ...r, email_hash: createHash('sha256').update(emails[i]!).digest('hex') }));
    const report = checkAnonymity(rows, { quasi: ['age', 'sex'] });
    expect(report.linkability.unkeyedHashes).toEqual([{ column: 'email_hash', algorithm: 'sha256', evidence: 'shape', values: 40 }]);
    expect(report.linkability.stableIdentifiers.map((s) => s.column)).toContain('email_hash');
  });

  it('does not flag keyed pseudonyms as hashes, and flags them as stable identifiers only when each is one record’s', () => {
    const epoch = pseudonymEpochKey(new Uint8Array(32).fill(9), '2026');
    const perPerson = base.map((r, i) => ({ ...r, who: epochPseudonym(emails[i % 4]!, epoch) }));
    const report = checkAnonymity(perPerson, { quasi: ['age', 'sex'] });
    expect(report.linkability.unkeyedHashes).toEqual([]);
    expect(report.linkability.stableIdentifiers).toEqual([]);
  });

  it('flags values found in another collection that fewer than k records share, not a score shared by many', () => {
    const rows = base.map((r, i) => ({ ...r, customer_id: 1000 + i, score: String(1 + (i % 5)) }));
    const customers = { name: 'customers.id', values: Array.from({ length: 100 }, (_, i) => String(1000 + i)) };
    const scores = { name: 'ratings.value', values: [1, 2, 3, 4, 5] };
    const report = checkAnonymity(rows, { quasi: ['age', 'sex'], linkTargets: [customers, scores], identifierShare: 1 });
    expect(report.linkability.links).toEqual([{ column: 'customer_id', target: 'customers.id', values: 40, records: 40 }]);
  });
});

describe('inference', () => {
  it('checks each sensitive attribute on its own, and fails when one of them has a single value per class', () => {
    const rows = generalised(patients()).map((r, i) => ({ ...r, ward: r.sex === 'F' ? 'maternity' : 'general', score: i % 3 }));
    const report = checkAnonymity(rows, { quasi: QUASI, sensitive: ['score', 'ward'], l: 2 });
    expect(report.inference.map((i) => [i.sensitive, i.passed])).toEqual([
      ['score', true],
      ['ward', false],
    ]);
    expect(report.passed).toBe(false);
  });

  it('flags a sensitive attribute with one value per class', () => {
    const rows = generalised(patients()).map((r) => ({ ...r, diagnosis: r.sex === 'F' ? 'pregnant' : 'flu' }));
    const report = checkAnonymity(rows, { quasi: QUASI, sensitive: 'diagnosis', l: 2 });
    expect(report.singlingOut.passed).toBe(true);
    expect(report.inference).toMatchObject([
      { passed: false, smallestL: 1, classesBelowL: 16, recordsBelowL: 96, classesWithOneValue: 16 },
    ]);
    expect(report.passed).toBe(false);
  });

  it('measures t-closeness as the distance of each class to the whole table', () => {
    // Two classes of 4: A holds x,x,x,y; B holds y,y,y,x. Overall x and y are ½ each: each class is ¼ away.
    const rows = ['x', 'x', 'x', 'y', 'y', 'y', 'y', 'x'].map((s, i) => ({ q: i < 4 ? 'A' : 'B', s }));
    const loose = checkAnonymity(rows, { quasi: ['q'], sensitive: 's', k: 4, t: 0.3, columns: [] });
    expect(loose.inference).toMatchObject([{ passed: true, largestDistance: 0.25, classesAboveT: 0 }]);
    const tight = checkAnonymity(rows, { quasi: ['q'], sensitive: 's', k: 4, t: 0.2, columns: [] });
    expect(tight.inference).toMatchObject([{ passed: false, classesAboveT: 2 }]);
  });
});

describe('entry points', () => {
  it('checks a collection page by page (as a connector hands it over) like the same rows in memory', async () => {
    const rows = generalised(patients());
    async function* pages() {
      for (let i = 0; i < rows.length; i += 10) yield rows.slice(i, i + 10);
    }
    const options = { quasi: QUASI, sensitive: 'diagnosis', t: 0.5 };
    expect(await checkAnonymityOfPages(pages(), options)).toEqual(checkAnonymity(rows, options));
  });

  it('stops a paged check when its signal fires', async () => {
    const controller = new AbortController();
    async function* pages() {
      yield generalised(patients()).slice(0, 10);
      controller.abort();
      yield generalised(patients()).slice(10, 20);
    }
    await expect(checkAnonymityOfPages(pages(), { quasi: QUASI }, controller.signal)).rejects.toMatchObject({ code: 'aborted' });
  });

  it('groups values a connector returns as objects by what they are: two Date objects of one instant are one value', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ day: new Date(Date.UTC(2026, 0, 1 + (i % 2))), n: i }));
    const report = checkAnonymity(rows, { quasi: ['day'], k: 5, columns: ['day'] });
    expect(report.singlingOut).toMatchObject({ classes: 2, smallestClass: 5, passed: true });
  });

  it('names a quasi-identifier that is not a column, and refuses thresholds out of range', () => {
    expect(() => checkAnonymity(patients(), { quasi: ['zip'] })).toThrow(
      /the quasi-identifier "zip" is not a column of the data \(columns: age, postcode/,
    );
    expect(() => checkAnonymity(patients(), { quasi: ['age'], k: 0 })).toThrow(/anonymity threshold k/);
    expect(() => checkAnonymity(patients(), { quasi: [] })).toThrow(/at least one quasi-identifier/);
  });
});
