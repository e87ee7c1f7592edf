// compileRetention on small hand-made manifests: clocks read directly, through references and from an undated child's
// parent, periods turned into cut-offs, anonymisation per field, `then:` holds, and rules that cannot be compiled.
import { describe, expect, it } from 'vitest';
import { compileYaml } from '../../test/real-policy.js';
import { compileRetention } from './compile.js';
import { SHOP_MANIFEST as MANIFEST } from './shop.test-support.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const compiled = () => compileRetention(compileYaml(MANIFEST), { now: NOW });
const conditionOf = (collection: string) => compiled().conditions.find((c) => c.collection === `shop.${collection}`);

describe('compileRetention', () => {
  it('reads a clock on the row itself and computes the cut-off on the calendar, in UTC', () => {
    const invoices = conditionOf('invoices');
    expect(invoices).toMatchObject({ rule: 'invoices', action: 'delete', durationText: 'P10Y', cutoff: '2016-11-23T10:00:00.000Z' });
    expect(invoices?.clock).toEqual({ trigger: 'collected', spec: 'issued_at', hops: [], field: 'issued_at' });
  });

  it("reads a trigger through a reference: an order expires with its customer's contract", () => {
    const orders = conditionOf('orders');
    expect(orders?.clock).toEqual({
      trigger: 'contract-end',
      spec: 'customer_id.closed_at',
      hops: [{ field: 'customer_id', dataset: 'shop', collection: 'shop.customers', key: 'id' }],
      field: 'closed_at',
    });
    expect(orders?.cutoff).toBe('2025-11-23T10:00:00.000Z');
  });

  it("gives a collection that holds no date (none) its parent's clock, through the parent's own reference", () => {
    expect(conditionOf('order_lines')?.clock).toEqual({
      trigger: 'contract-end',
      spec: 'order_id.customer_id.closed_at',
      hops: [
        { field: 'order_id', dataset: 'shop', collection: 'shop.orders', key: 'id' },
        { field: 'customer_id', dataset: 'shop', collection: 'shop.customers', key: 'id' },
      ],
      field: 'closed_at',
    });
  });

  it('passes rows under the `then:` hold with its own clock and duration, and keeps restricted rows out', () => {
    const customers = conditionOf('customers');
    expect(customers?.then).toMatchObject({ hold: 'tax', durationText: 'P6Y', clock: { spec: 'closed_at' } });
    expect(customers?.restriction).toEqual({ field: 'restricted', value: 1 });
  });

  it('anonymises per field: links and free text go, addresses keep their first half, measures stay', () => {
    expect(conditionOf('surveys')?.operators).toEqual([
      { field: 'comment', operator: 'null' },
      { field: 'customer_id', operator: 'null' },
      { field: 'ip', operator: 'truncate-ip' },
    ]);
    expect(conditionOf('invoices')?.operators).toEqual([]);
  });

  it('reports, with the manifest place and why, a rule a collection holds no date for and a trigger only an event fires', () => {
    const { problems, conditions } = compiled();
    expect(conditions.map((c) => c.collection)).not.toContain('shop.access_logs');
    expect(conditions.map((c) => c.collection)).not.toContain('shop.subscribers');
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'logs',
        collection: 'shop.access_logs',
        place: 'datasets.shop.collections.access_logs.timestamps',
        reason: expect.stringContaining('declares no timestamp for collected'),
      }),
      expect.objectContaining({
        rule: 'newsletter',
        collection: 'shop.subscribers',
        place: 'datasets.shop.collections.subscribers.timestamps',
        reason: expect.stringContaining('an event shop.subscribers keeps no date of'),
      }),
    ]);
  });

  it('lists transient data as never stored, with nothing to sweep', () => {
    expect(compiled().transient).toEqual([{ rule: 'page-rendering', categories: ['system.device.browser'], storedIn: [] }]);
  });

  it('gives the same conditions whatever the order of the collections in the manifest', () => {
    const reordered = MANIFEST.replace(/ {6}invoices:[\s\S]*?(?= {6}access_logs:)/, '').replace(
      '    collections:\n',
      `    collections:\n${/ {6}invoices:[\s\S]*?(?= {6}access_logs:)/.exec(MANIFEST)?.[0] ?? ''}`,
    );
    expect(reordered).not.toBe(MANIFEST);
    expect(compileRetention(compileYaml(reordered), { now: NOW })).toEqual(compiled());
  });
});
