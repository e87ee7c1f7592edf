// A provider that found full card numbers and security codes in a table declares them as a known violation: lint warns
// with the remediation, erasure removes them, and access states that they are held without showing them.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { compilePolicy, type CompileResult } from '../../src/policy/index.js';
import { executeErasure, normalizeIdentities } from '../../src/rights/index.js';
import { writeAccessPackage } from '../../src/rights/package/index.js';
import { pageText, readZip } from '../../src/rights/package/package.test-support.js';
import { testContext } from './context.js';

const MANIFEST = `
organization:
  name: Card Test
  address: 1 rue du Test, Paris
  contact: { email: privacy@cards.example }
  jurisdictions: [gdpr]
  languages: [en, fr]
  policy: { version: '1', lastReviewed: '2026-10-01' }
identities:
  email: { type: email }
subjects:
  customer: { name: { en: Customers, fr: Clients } }
locations:
  hosting: [{ name: { en: Paris, fr: Paris }, country: FR, primary: true }]
retention:
  account: { duration: P3Y, trigger: contract-end }
purposes:
  billing:
    name: { en: Billing, fr: Facturation }
    description: { en: Charge for the services., fr: Facturer les services. }
    legalBasis: contract
    subjects: [customer]
    categories: [user.contact.email, user.financial.card, user.financial.invoice]
    retention: account
datasets:
  shop:
    store: { kind: sqlite, file: shop.db }
    collections:
      customers:
        timestamps: { contract-end: closed_at }
        fields:
          id: { type: integer }
          email: { category: user.contact.email, type: email, identity: email }
          closed_at: { type: datetime }
      legacy_payments:
        onErase: mask
        timestamps: { contract-end: customer_id.closed_at }
        fields:
          id: { type: integer }
          customer_id: { type: integer, references: customers.id, link: belongs-to }
          amount: { category: user.financial.invoice, type: number, strategy: keep }
          pan:
            category: user.financial.card
            card: pan
            type: string
            violation: { reason: Written by the old checkout until October 2026., found: 2026-11-02 }
          cvc:
            category: user.financial.card
            card: cvc
            type: string
            violation: { reason: Written by the old checkout until October 2026., found: 2026-11-02 }
`;

const ADA_PAN = '4111 1111 1111 4242';
const ADA_CVC = '987';
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function createProvider(name: string) {
  dir = join(process.cwd(), 'test/.tmp', `${name}-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const result: CompileResult = compilePolicy([{ path: 'cards.yaml', text: MANIFEST }], {
    baseDir: dir,
    now: new Date('2026-11-23T00:00:00Z'),
  });
  if (!result.model || !result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  const db = new Database(join(dir, 'shop.db'));
  db.exec(`
    CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, closed_at TEXT);
    CREATE TABLE legacy_payments (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), amount REAL, pan TEXT, cvc TEXT);
    INSERT INTO customers VALUES (1, 'ada@example.com', NULL), (2, 'bob@example.com', NULL);
    INSERT INTO legacy_payments VALUES (11, 1, 9.99, '${ADA_PAN}', '${ADA_CVC}'), (12, 2, 19.99, '5555555555554444', '321');
  `);
  db.close();
  const shop = { dir, model: result.model };
  const ada = { id: `req-${name}`, identities: normalizeIdentities(result.model, new Map([['email', ['ada@example.com']]])) };
  return { shop, result, ada, db: () => new Database(join(shop.dir, 'shop.db')) };
}

describe('a declared violation: card numbers and security codes found in a table', () => {
  it('lints as warnings that say how to remediate, not as errors that stop compilation', () => {
    const { result } = createProvider('violation-lint');
    expect(result.ok).toBe(true);
    const warnings = result.diagnostics.filter((d) => d.code === 'CUS053');
    expect(warnings.map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(warnings.map((d) => d.message)).toEqual([
      expect.stringContaining('shop.legacy_payments.pan holds full card numbers: a known violation, found 2026-11-02'),
      expect.stringContaining('shop.legacy_payments.cvc holds card security codes'),
    ]);
    expect(warnings[0]?.fix).toContain('keep only the first six and last four digits (card: bin-last4) or a processor token');
    expect(warnings[0]?.fix).toContain('purge the existing values');
    expect(warnings[1]?.fix).toContain('stop storing security codes');
    // Without the declaration, the same fields are errors that stop compilation.
    const undeclared = compilePolicy([{ path: 'cards.yaml', text: MANIFEST.replace(/\n +violation: .*/g, '') }], { baseDir: dir });
    expect(undeclared.ok).toBe(false);
    const problems = undeclared.diagnostics.filter((d) => d.severity !== 'info');
    expect(problems.map((d) => d.code).sort()).toEqual(['CUS021', 'CUS023']);
  });

  it("erasure nulls the person's card numbers and security codes in the rows it keeps, and leaves others' alone", async () => {
    const { shop, ada, db } = createProvider('violation-erase');
    const ctx = testContext(shop);
    const result = await executeErasure(ctx, ada);
    await ctx.close();
    expect(result.status).toBe('completed');
    const d = db();
    expect(d.prepare('SELECT id, amount, pan, cvc FROM legacy_payments ORDER BY id').all()).toEqual([
      { id: 11, amount: 9.99, pan: null, cvc: null },
      { id: 12, amount: 19.99, pan: '5555555555554444', cvc: '321' },
    ]);
    d.close();
  });

  it('access states in English and French that the data is held and being removed, never the number or code', async () => {
    const { shop, ada } = createProvider('violation-access');
    const expected = {
      en: { pan: '[full card number held, ending 4242: being removed]', cvc: '[card security code held: being removed]' },
      fr: {
        pan: '[numéro de carte complet conservé, se terminant par 4242 : en cours de suppression]',
        cvc: '[cryptogramme visuel conservé : en cours de suppression]',
      },
    } as const;
    for (const lang of ['en', 'fr'] as const) {
      const ctx = testContext(shop);
      const out = join(shop.dir, `access-${lang}.zip`);
      await writeAccessPackage(ctx, { ...ada, id: `${ada.id}-${lang}` }, { out, lang });
      await ctx.close();
      const entries = await readZip(out);
      const rows = JSON.parse(entries.get('data/shop.legacy_payments.json')?.toString('utf8') ?? '[]');
      expect(rows).toEqual([{ id: 11, customer_id: 1, amount: 9.99, ...expected[lang] }]);
      for (const [name, content] of entries) {
        const text = content.toString('utf8');
        expect(text.includes(ADA_PAN) || text.replace(/\D/g, '').includes('41111111'), name).toBe(false);
        expect(text.includes(`"${ADA_CVC}"`) || text.includes(`,${ADA_CVC}`), name).toBe(false);
      }
      const summary = pageText(entries.get('summary.html')?.toString('utf8') ?? '');
      expect(summary).toContain(lang === 'en' ? 'We are removing it' : 'Nous les supprimons');
    }
  });
});
