// The date pushed down to SQLite: the bound never leaves out a row the calendar test finds due, the store reads only the
// rows that may have expired whatever form each date is stored in, and plan and sweep still count and remove exactly
// the due rows (the rows the store leaves out counted inside their period).
import { afterEach, describe, expect, it } from 'vitest';
import { addDuration, parseDuration } from '../policy/index.js';
import { createConnectorPool, type Connector } from '../connectors/index.js';
import { openStore } from '../store/index.js';
import { instantOf } from './clocks.js';
import { dueBound } from './dated.js';
import { expiryOf } from './fate.js';
import { planRetention } from './plan.js';
import { runRetention } from './run.js';
import { shopWorld, type ShopWorld } from './shop.test-support.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const TEN_YEARS = parseDuration('P10Y')!;

/** A deterministic generator (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Invoices dated 2005–2027 in every form a store holds dates in, bunched around the ten-year boundary. */
function invoices(count: number): { id: number; number: string; issued_at: string | number | null }[] {
  const next = random(7);
  const boundary = Date.parse('2016-11-23T10:00:00Z');
  const rows = [];
  for (let id = 1; id <= count; id++) {
    const at = next() < 0.4 ? boundary + (next() - 0.5) * 10 * 86_400_000 : Date.parse('2005-01-01') + next() * 22 * 365 * 86_400_000;
    const iso = new Date(at).toISOString();
    const forms: (string | number | null)[] = [
      iso,
      iso.slice(0, 10),
      `${iso.slice(0, 10)} ${iso.slice(11, 19)}`,
      `${iso.slice(0, 19)}+13:00`,
      Math.floor(at / 1000),
      at,
      at / 1000 + 0.25,
      String(Math.floor(at / 1000)),
      null,
      'not a date',
    ];
    rows.push({ id, number: `F-${id}`, issued_at: forms[Math.floor(next() * forms.length)] ?? null });
  }
  return rows;
}

const due = (v: string | number | null) => {
  const at = instantOf(v);
  return at !== undefined && addDuration(new Date(at), TEN_YEARS).getTime() <= NOW.getTime();
};

let world: ShopWorld | undefined;
afterEach(() => {
  world?.cleanup();
  world = undefined;
});

/** The shop with these invoices, in a column of no declared type: SQLite keeps each value's own type. */
function withInvoices(rows: ReturnType<typeof invoices>): ShopWorld {
  const w = shopWorld({});
  w.db.exec('DROP TABLE invoices; CREATE TABLE invoices (id INTEGER PRIMARY KEY, number TEXT, issued_at)');
  const insert = w.db.prepare('INSERT INTO invoices (id, number, issued_at) VALUES (?, ?, ?)');
  w.db.transaction(() => rows.forEach((r) => insert.run(r.id, r.number, r.issued_at)))();
  return w;
}

describe('a retention date pushed down to the store', () => {
  it('bounds every row a calendar test finds due, months of every length and leap days included', () => {
    const next = random(3);
    for (const text of ['P1M', 'P3M', 'P1Y', 'P2Y1M', 'P10Y', 'P1M1D', 'P18M', 'P30D', 'PT36H']) {
      const duration = parseDuration(text)!;
      for (let i = 0; i < 5_000; i++) {
        const now = new Date(Date.parse('2020-01-01') + Math.floor(next() * 8 * 365 * 24) * 3_600_000);
        const bound = dueBound(now, duration).getTime();
        // Rows dated up to a week after the bound: none of them may be due.
        const at = bound + 1 + next() * 7 * 86_400_000;
        expect(addDuration(new Date(at), duration).getTime() > now.getTime(), `${text} at ${now.toISOString()}`).toBe(true);
      }
    }
  });

  it('adds a period per day as the calendar adds it per row, time of day kept', () => {
    const next = random(5);
    for (const text of ['P1M', 'P1Y', 'P2Y1M', 'P1M1D', 'PT36H']) {
      const duration = parseDuration(text)!;
      const expiry = expiryOf(duration);
      for (let i = 0; i < 5_000; i++) {
        // From 1960 to 2040: days before the epoch too.
        const start = Math.floor(Date.parse('1960-01-01') + next() * 80 * 365 * 86_400_000);
        expect(expiry(start), `${text} from ${new Date(start).toISOString()}`).toBe(addDuration(new Date(start), duration).getTime());
      }
    }
  });

  it('reads only the invoices that may have expired, whatever form their date is stored in', async () => {
    const rows = invoices(3000);
    world = withInvoices(rows);
    const pool = createConnectorPool(world.model);
    try {
      const connector: Connector = await pool.get('shop');
      const collection = world.model.index.collections.get('shop.invoices')!;
      const bound = dueBound(NOW, TEN_YEARS);
      const read = new Set<number>();
      for await (const page of connector.findDatedPages!({ collection, field: 'issued_at', atMost: bound }))
        for (const row of page) read.add(Number(row.id));
      for (const r of rows) if (due(r.issued_at)) expect(read.has(r.id), `invoice ${r.id} (${String(r.issued_at)})`).toBe(true);
      // Numbers and ISO text dated three days or more after the bound stay in the store unread; other text and empty
      // dates are read, for the calendar test to decide.
      const compared = (v: string | number | null) => typeof v === 'number' || (typeof v === 'string' && /^\d{4}-\d\d-\d\d/.test(v));
      const later = rows.filter((r) => compared(r.issued_at) && instantOf(r.issued_at)! >= bound.getTime() + 3 * 86_400_000);
      expect(later.length).toBeGreaterThan(rows.length / 6);
      expect(later.filter((r) => read.has(r.id))).toEqual([]);
      expect(read.size).toBeLessThan(rows.length - later.length + 1);
    } finally {
      await pool.close();
    }
  });

  it('plans and sweeps exactly the due rows, and counts the rows it left unread as inside their period', async () => {
    const rows = invoices(3000);
    world = withInvoices(rows);
    const expected = rows.filter((r) => due(r.issued_at));
    const undated = rows.filter((r) => instantOf(r.issued_at) === undefined);
    const pool = createConnectorPool(world.model);
    const store = openStore(':memory:');
    try {
      const plan = await planRetention(world.model, pool, { now: NOW });
      expect(plan.entries.find((e) => e.collection === 'shop.invoices')).toMatchObject({
        countable: true,
        rows: rows.length,
        due: expected.length,
        notStarted: undated.length,
        inside: rows.length - expected.length - undated.length,
      });
      const before = world.snapshot();
      const sweep = await runRetention(world.model, pool, store, { now: NOW });
      expect(sweep.conditions.find((c) => c.collection === 'shop.invoices')).toMatchObject({ status: 'done', rows: expected.length });
      const gone = new Set(expected.map((r) => r.id));
      const after = world.snapshot();
      // Every other table is as it was; the invoices left are exactly those not due.
      expect({ ...after, invoices: [] }).toEqual({ ...before, invoices: [] });
      expect(after.invoices).toEqual((before.invoices as { id: number }[]).filter((r) => !gone.has(r.id)));
    } finally {
      await pool.close();
      await store.close();
    }
  });
});
