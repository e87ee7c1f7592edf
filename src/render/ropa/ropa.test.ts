// The record of processing: a CSV that parses back to one row per purpose, a JSON record with the art. 30 fields, an HTML table.
import { parse } from 'csv-parse/sync';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CustosError } from '../../errors.js';
import { compilePolicyFolder } from '../../policy/index.js';
import { auditHtml, headingsInOrder } from '../document/html-audit.test-support.js';
import { fixtureModel } from '../fixtures.js';
import type { RopaRecord } from './record.js';
import { renderRopa } from './ropa.js';

const model = fixtureModel();
const HEADER = [
  'Controller',
  'Controller contact',
  'Joint controllers',
  'Representative',
  'Data protection officer',
  'Purpose id',
  'Purpose',
  'Description',
  'Legal basis',
  'Categories of data subjects',
  'Categories of personal data',
  'Categories of recipients',
  'Transfers to third countries and safeguards',
  'Time limits for erasure',
  'Legal holds',
  'Security measures',
];

function csvRows(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
}

describe('RoPA as CSV', () => {
  const csv = renderRopa(model, { format: 'csv', lang: 'en' });
  const rows = csvRows(csv);
  const cell = (id: string, column: string): string => rows.find((r) => r['Purpose id'] === id)?.[column] ?? '';

  it('has a header row and one row per purpose, every column filled', () => {
    expect(csv.split('\r\n')[0]).toBe(HEADER.join(','));
    expect(rows.map((r) => r['Purpose id'])).toEqual(['contract', 'operations', 'prospecting', 'requests']);
    for (const r of rows) for (const h of HEADER) expect(r[h], `${r['Purpose id']} / ${h}`).toBeTruthy();
  });

  it('repeats the controller, its contact and its DPO on every row (art. 30(1)(a))', () => {
    for (const r of rows) {
      expect(r['Controller']).toBe('Stratus Cloud, SAS, RCS Paris 901 234 567');
      expect(r['Controller contact']).toContain('12 rue des Nuages, 75011 Paris, France');
      expect(r['Controller contact']).toContain('hello@stratus.example');
      expect(r['Data protection officer']).toContain('Claire Martin');
      expect(r['Data protection officer']).toContain('dpo@stratus.example');
      expect(r['Joint controllers']).toBe('None');
      expect(r['Representative']).toBe('None');
    }
  });

  it('gives each purpose its basis, subjects, data, recipients, transfers, erasure limits and security (art. 30(1)(b)–(g))', () => {
    expect(cell('contract', 'Purpose')).toBe('Contract management and billing');
    expect(cell('contract', 'Legal basis')).toContain('Performance of our contract with you');
    expect(cell('contract', 'Categories of data subjects')).toBe('Customers');
    expect(cell('contract', 'Categories of personal data').split('\n')).toContain('Payment processor token');
    expect(cell('contract', 'Categories of recipients')).toBe(
      'PayFlow Payments Ltd (Processor acting on our instructions — Ireland and United States)',
    );
    expect(cell('contract', 'Transfers to third countries and safeguards').split('\n')).toEqual([
      'United States (PayFlow Payments Ltd; standard contractual clauses)',
      'Canada (remote access; adequacy decision)',
    ]);
    expect(cell('contract', 'Time limits for erasure')).toBe('Kept for 1 year after the end of the contract, then deleted.');
    expect(cell('contract', 'Legal holds')).toContain(
      'Invoices and accounting records: 10 years from collection (Code de commerce, art. L123-22)',
    );
    expect(cell('contract', 'Security measures')).toContain('Highly protected data: Stored only encrypted or hashed.');
    expect(cell('operations', 'Legal basis')).toBe('Our legitimate interest: keeping our platform available and secure.');
    expect(cell('operations', 'Time limits for erasure').split('\n')).toEqual([
      'Kept for 24 months from collection, then deleted.',
      'Audience measurement: Kept for 180 days from collection, then anonymised.',
    ]);
    expect(cell('prospecting', 'Legal basis')).toContain('Your consent (“Newsletter”)');
    expect(cell('prospecting', 'Legal holds')).toBe('None');
    expect(cell('requests', 'Time limits for erasure')).toContain('Identity document: Deleted as soon as the request is processed.');
  });

  it('quotes commas, quotes and line breaks per RFC 4180, and defuses spreadsheet formulas', () => {
    const tricky = fixtureModel((t) =>
      t
        .replace('Creating your account, providing the services you order and invoicing them.', 'Say \\"hi\\", then\\nleave')
        .replace('Sending you our news and offers by email.', '=HYPERLINK(\\"http://x.example\\")'),
    );
    const out = renderRopa(tricky, { format: 'csv', lang: 'en' });
    expect(out).toContain('"Say ""hi"", then\nleave"');
    const parsed = csvRows(out);
    expect(parsed.find((r) => r['Purpose id'] === 'contract')?.['Description']).toBe('Say "hi", then\nleave');
    expect(parsed.find((r) => r['Purpose id'] === 'prospecting')?.['Description']).toBe('\'=HYPERLINK("http://x.example")');
  });

  it('parses back, with a reader that takes any line end, to one row per purpose of nimbus-cloud and 16 columns each', () => {
    const nimbus = compilePolicyFolder(fileURLToPath(new URL('../../../examples/nimbus-cloud/privacy/', import.meta.url)), {
      now: new Date('2026-11-23T00:00:00Z'),
    }).model;
    if (!nimbus) throw new Error('nimbus-cloud does not compile');
    for (const lang of ['en', 'fr'] as const) {
      // The reader takes CRLF, LF or CR as a line end, as spreadsheets do: only quoting keeps a cell's line break in it.
      const records = parse(renderRopa(nimbus, { format: 'csv', lang }), { record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
      expect(records).toHaveLength(nimbus.purposes.size + 1);
      for (const r of records) expect(r).toHaveLength(HEADER.length);
      expect(records.slice(1).map((r) => r[5])).toEqual([...nimbus.purposes.keys()]);
    }
  });

  it('writes French headers and values when asked', () => {
    const fr = csvRows(renderRopa(model, { format: 'csv', lang: 'fr' }));
    expect(Object.keys(fr[0] ?? {})).toContain('Finalité');
    expect(fr[0]?.['Délais d’effacement']).toBe('Conservées 1 an après la fin du contrat, puis supprimées.'.replace(' an', '\u00a0an'));
    expect(fr[0]?.['Transferts vers des pays tiers et garanties']).toContain(
      'États-Unis (PayFlow Payments Ltd ; clauses contractuelles types)',
    );
  });
});

describe('RoPA as JSON', () => {
  const json = renderRopa(model, { format: 'json', lang: 'en' });
  const record = JSON.parse(json) as RopaRecord;

  it('holds the controller fields and one processing activity per purpose, keys in a stable order', () => {
    expect(Object.keys(record)).toEqual(['format', 'language', 'policyVersion', 'lastReviewed', 'controller', 'processingActivities']);
    expect(Object.keys(record.controller)).toEqual([
      'name',
      'legalForm',
      'registration',
      'address',
      'contact',
      'jointControllers',
      'representative',
      'dpo',
    ]);
    expect(record.controller.dpo?.email).toBe('dpo@stratus.example');
    expect(record.controller.representative).toBeNull();
    expect(record.processingActivities).toHaveLength(4);
    for (const a of record.processingActivities) {
      expect(Object.keys(a)).toEqual([
        'id',
        'purpose',
        'description',
        'ifRefused',
        'legalBasis',
        'dataSubjects',
        'dataCategories',
        'recipients',
        'thirdCountryTransfers',
        'erasure',
        'legalHolds',
        'securityMeasures',
      ]);
      expect(a.securityMeasures.length).toBeGreaterThan(0);
    }
    expect(renderRopa(model, { format: 'json', lang: 'en' })).toBe(json);
  });

  it('gives machine-readable codes beside the words', () => {
    const contract = record.processingActivities.find((a) => a.id === 'contract');
    expect(contract?.legalBasis.bases.map((b) => [b.code, b.covers])).toEqual([['contract', null]]);
    expect(contract?.erasure[0]).toMatchObject({ rule: 'account', duration: 'P1Y', trigger: 'contract-end', action: 'delete' });
    expect(contract?.thirdCountryTransfers.map((t) => [t.country, t.safeguard])).toEqual([
      ['US', 'standard-contractual-clauses'],
      ['CA', 'adequacy'],
    ]);
    const requests = record.processingActivities.find((a) => a.id === 'requests');
    expect(requests?.erasure[1]).toMatchObject({ rule: 'id-proof', categories: ['user.identity.document'], duration: 'P0D' });
    expect(requests?.dataSubjects.map((s) => s.id)).toEqual(['customers', 'prospects', 'visitors']);
  });
});

describe('RoPA as HTML', () => {
  it('is a valid standalone page with the controller and a table of activities', () => {
    const html = renderRopa(model, { format: 'html', lang: 'fr' });
    const audit = auditHtml(html);
    expect(audit.parseErrors).toEqual([]);
    expect(audit.lang).toBe('fr');
    expect(audit.title).toBe('Registre des activités de traitement — Stratus Cloud');
    expect(headingsInOrder(audit.headings)).toBe(true);
    expect(audit.tables).toEqual([{ thead: true, th: 10 + 4, rows: 5 }]);
    expect(audit.text).toContain('dpo@stratus.example');
    expect(html).toContain('<style>');
  });

  it('refuses an unknown format', () => {
    expect(() => renderRopa(model, { format: 'xlsx' as 'csv' })).toThrow(CustosError);
  });
});
