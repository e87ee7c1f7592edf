// Retention clocks as a provider writes them: dates read through one or two references, `none` for rows that expire
// with their parent, identifiers refused as clocks, collections whose fields follow clocks with nothing in common.
import { describe, expect, it } from 'vitest';
import { compilePolicy, formatDiagnostic, type CompileResult } from '../index.js';
import { contractAndSecurityPurposes, testProvider } from '../../../test/manifest-header.js';

const BASE = `
${testProvider('Clock Test', 'clock')}
retention:
  account: { duration: P3Y, trigger: contract-end }
  logs: { duration: P1Y, trigger: collected }
purposes:
${contractAndSecurityPurposes(['user.contact.email', 'user.relationship.order', 'user.relationship.service'])}
datasets:
  shop:
    store: { kind: sqlite, file: shop.db }
    collections:
      customers:
        timestamps: { contract-end: closed_at }
        restriction: { field: restricted }
        fields:
          id: { type: integer }
          email: { category: user.contact.email, type: email, identity: email }
          closed_at: { type: datetime }
          restricted: { type: boolean }
      orders:
        timestamps: { contract-end: customer_id.closed_at }
        fields:
          id: { type: integer }
          customer_id: { type: integer, references: customers.id, link: belongs-to }
          item: { category: user.relationship.order, type: string }
      order_lines:
        timestamps: { contract-end: ORDER_LINES_CLOCK }
        fields:
          id: { type: integer }
          order_id: { type: integer, references: orders.id, link: belongs-to }
          item: { category: user.relationship.service, type: string }
`;

function lint(clock: string, edit: (text: string) => string = (t) => t): CompileResult {
  const text = edit(BASE).replace('ORDER_LINES_CLOCK', clock);
  const result = compilePolicy([{ path: 'clock.yaml', text }], { now: new Date('2026-11-23T00:00:00Z') });
  // Notes on defaults the manifest relies on (CUS060–CUS064) are not what these tests are about.
  return { ...result, diagnostics: result.diagnostics.filter((d) => d.severity !== 'info') };
}
const codes = (r: CompileResult) => r.diagnostics.map((d) => d.code);

describe('retention clocks', () => {
  it("reads a grandparent's date through two references, so an order line expires with its customer's contract", () => {
    const result = lint('order_id.customer_id.closed_at');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.model?.index.collections.get('shop.order_lines')?.timestamps['contract-end']).toBe('order_id.customer_id.closed_at');
  });

  it('names the missing hop of a two-hop clock as a missing field (CUS036)', () => {
    const result = lint('order_id.customer_id.closed');
    expect(codes(result)).toEqual(['CUS036']);
    expect(result.diagnostics[0]?.message).toContain('reached through a reference');
    expect(codes(lint('order_id.item.closed_at'))).toEqual(['CUS036']);
  });

  it('refuses more than two hops in the schema, with the forms it accepts', () => {
    const result = lint('order_id.customer_id.id.closed_at');
    expect(codes(result)).toEqual(['CUS002']);
    expect(result.diagnostics[0]?.message).toContain('reference_field.parent_reference.field');
  });

  it('accepts none for rows that belong to a parent, and keeps it out of the timestamps engines read', () => {
    const result = lint('none');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    const lines = result.model?.index.collections.get('shop.order_lines');
    expect(lines?.timestamps['contract-end']).toBeUndefined();
    expect(lines?.undated).toEqual(['contract-end']);
  });

  it('refuses none where the rows belong to no parent: they would never expire (CUS058)', () => {
    const result = lint('none', (t) => t.replace('references: orders.id, link: belongs-to', 'references: orders.id, link: association'));
    // (The association also leaves the lines unreachable by requests: CUS035.)
    expect(codes(result).sort()).toEqual(['CUS035', 'CUS058']);
    const error = result.diagnostics.find((d) => d.code === 'CUS058');
    expect(error?.message).toContain('shop.order_lines holds no date for contract-end');
    expect(error?.fix).toContain('link: belongs-to');
  });

  it('refuses an identifier as a clock, here or through a reference, and says to name a date (CUS057)', () => {
    for (const clock of ['id', 'order_id', 'order_id.customer_id', 'order_id.id']) {
      const result = lint(clock);
      expect(codes(result), clock).toEqual(['CUS057']);
      expect(result.diagnostics[0]?.fix).toContain('name a date or datetime field');
    }
  });

  it('suggests a collection rule where fields follow clocks with nothing in common (CUS059), and not once one is declared', () => {
    const addIp = (t: string) =>
      t
        .replace('{ contract-end: ORDER_LINES_CLOCK }', '{ collected: created_at, contract-end: ORDER_LINES_CLOCK }')
        .replace(
          '          item: { category: user.relationship.service',
          '          ip: { category: system.network.ip, type: ip }\n          created_at: { type: datetime }\n          item: { category: user.relationship.service',
        );
    const mixed = lint('order_id.customer_id.closed_at', addIp);
    expect(codes(mixed)).toEqual(['CUS059']);
    const warning = mixed.diagnostics.find((d) => d.code === 'CUS059');
    expect(warning?.message).toContain('ip: "logs" (P1Y from collected)');
    expect(warning?.fix).toContain('retention: logs or account');
    const declared = lint('order_id.customer_id.closed_at', (t) =>
      addIp(t).replace(
        '        timestamps: { collected: created_at',
        '        retention: account\n        timestamps: { collected: created_at',
      ),
    );
    expect(declared.diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});
