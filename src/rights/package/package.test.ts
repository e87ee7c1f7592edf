// The access package and the portability document against the rights test shop: files, contents, summary words, secrets.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { NOW } from '../../../test/rights/context.js';
import { localize } from '../../policy/index.js';
import { messagesFor } from '../../render/index.js';
import { exportPersonData, WITHHELD, type ExportedValue, type ExportSink } from '../index.js';
import { writeAccessPackage, writePortabilityDocument } from './index.js';
import { adaRequest, createRichShop, pageText, readZip, type RichShop } from './package.test-support.js';

let rich: RichShop | undefined;
afterEach(() => rich?.shop.cleanup());

type Rows = Record<string, ExportedValue>[];

/** What exportPersonData yields, collection by collection (the reference the package must match). */
async function exported(r: RichShop): Promise<Map<string, Rows>> {
  const rows = new Map<string, Rows>();
  let current: Rows = [];
  const sink: ExportSink = {
    beginCollection: async (c) => void rows.set(c.qualifiedName, (current = [])),
    row: async (values) => void current.push({ ...values }),
    endCollection: async () => undefined,
  };
  const ctx = r.context();
  await exportPersonData(ctx, adaRequest(r.model, 'req-reference'), sink, { action: 'access' });
  await ctx.close();
  return new Map([...rows].filter(([, list]) => list.length > 0));
}

async function packageFor(r: RichShop, lang: 'en' | 'fr', id = `req-zip-${lang}`) {
  const ctx = r.context();
  const out = join(r.shop.dir, `access-${lang}.zip`);
  const result = await writeAccessPackage(ctx, adaRequest(r.model, id), { out, lang });
  await ctx.close();
  return { result, entries: await readZip(out) };
}

describe('writeAccessPackage', () => {
  it('holds summary, manifest, and a JSON and a CSV file for exactly the collections with rows, equal to the export', async () => {
    rich = createRichShop('package-files');
    const reference = await exported(rich);
    const { result, entries } = await packageFor(rich, 'en');
    const collections = [...reference.keys()];
    expect(collections).toEqual(expect.arrayContaining(['shop.customers', 'shop.cards', 'activity.logins', 'activity.notifications']));
    expect(collections).not.toContain('activity.staff');
    const data = collections.flatMap((q) => [`data/${q}.json`, `data/${q}.csv`]);
    expect([...entries.keys()].filter((n) => !n.startsWith('outbox/')).sort()).toEqual(['manifest.json', 'summary.html', ...data].sort());
    const total = [...reference.values()].reduce((n, list) => n + list.length, 0);
    expect(result).toMatchObject({ found: true, rows: total, collections: collections.length });
    for (const [q, rows] of reference) {
      expect(JSON.parse(entries.get(`data/${q}.json`)?.toString('utf8') ?? '')).toEqual(rows);
      const csv: unknown = parse(entries.get(`data/${q}.csv`) ?? '', { columns: true, bom: true });
      expect(csv).toEqual(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? '' : String(v)]))));
    }
    const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '');
    expect(manifest).toMatchObject({
      requestId: 'req-zip-en',
      generatedAt: NOW.toISOString(),
      organization: 'Shop Test',
      policyVersion: '1',
      language: 'en',
    });
    expect(manifest.collections).toContainEqual(
      expect.objectContaining({
        collection: 'shop.cards',
        rows: 1,
        categories: ['user.account.id', 'user.financial.card', 'user.financial.card-token'],
      }),
    );
  });

  it('never lets the encrypted card token, or anyone else’s data, into the package', async () => {
    rich = createRichShop('package-secrets');
    const { entries } = await packageFor(rich, 'en');
    expect(JSON.parse(entries.get('data/shop.cards.json')?.toString('utf8') ?? '')[0].token).toBe(WITHHELD.encrypted);
    for (const [name, content] of entries) {
      expect(content.includes('tok_ada'), name).toBe(false);
      expect(content.includes('bob@example.com') || content.includes('Hello Bob'), name).toBe(false);
    }
  });

  it('puts each email sent to the person in the outbox as a readable text file', async () => {
    rich = createRichShop('package-outbox');
    const { entries } = await packageFor(rich, 'en');
    const outbox = [...entries.keys()].filter((n) => n.startsWith('outbox/')).sort();
    expect(outbox).toEqual([
      'outbox/activity.notifications/0001-your-invoice-f-2026-042-is-ready.txt',
      'outbox/activity.notifications/0002-ete-maintenance-planned.txt',
    ]);
    expect(entries.get(outbox[0] ?? '')?.toString('utf8')).toBe(
      'Subject: Your invoice F-2026-042 is ready\nDate: 2026-02-01T08:00:00.000Z\n\nHello Ada, your invoice is attached.\n',
    );
    expect(entries.get(outbox[1] ?? '')?.toString('utf8')).toContain('Subject: Été: <maintenance> "planned"\n');
  });

  it('says in summary.html everything GDPR art. 15 requires', async () => {
    rich = createRichShop('package-summary');
    const { entries } = await packageFor(rich, 'en');
    const html = entries.get('summary.html')?.toString('utf8') ?? '';
    expect(html).not.toContain('<script>'); // manifest text is escaped by the document serialiser
    const text = pageText(html);
    const v = messagesFor('en').vocab;
    const expected = [
      // controller and DPO
      'privacy@shop.example',
      'dpo@shop.example',
      // each purpose of the categories found, with its legal basis, retention in words, source and automated decisions
      'Contract',
      v.legalBasis.contract.text,
      'Kept for 1 year after the end of the contract, then deleted.',
      'Security',
      'Our legitimate interest: Keeping accounts safe.',
      'Kept for 1 year from collection, then deleted.',
      'Invoices 10 years',
      'Collected from you, or generated by your use of the services.',
      'Sign-ins from unusual places are blocked automatically',
      // recipients, where they are and the safeguard
      'PayCo',
      'United States',
      'standard contractual clauses',
      // rights, how to exercise them, deadlines, the authority
      ...(['rectification', 'erasure', 'restriction', 'objection', 'portability', 'withdraw-consent'] as const).map(
        (r) => v.right[r].title,
      ),
      'rights@shop.example',
      '1 month',
      'Commission nationale de l’informatique et des libertés',
      // contents of the package and the withheld values
      'Emails we sent you <script>alert(1)</script>',
      'data/shop.customers.json',
      'data/activity.logins.csv',
      'shop.cards.token',
      WITHHELD.encrypted,
      // the policy's rule for the class of the withheld token
      'Only a processor token, stored encrypted.',
    ];
    for (const phrase of expected) expect(text, phrase).toContain(phrase);
    // Built-in handling texts the shop does not publish are not stated in its name.
    expect(text).not.toContain(localize(rich.model.handling.special.actions.share, 'en'));
    expect(text).not.toContain('Only the first six and last four digits');
  });

  it('writes the summary in French when asked', async () => {
    rich = createRichShop('package-fr');
    const { entries } = await packageFor(rich, 'fr');
    const html = entries.get('summary.html')?.toString('utf8') ?? '';
    expect(html).toContain('<html lang="fr">');
    const text = pageText(html);
    for (const phrase of [
      'Vos données personnelles',
      'Pourquoi nous utilisons vos données',
      'Vos droits',
      '1 an après la fin du contrat',
      'États-Unis',
      // The period agrees with the category it is said of.
      'Adresse électronique : conservée 2 ans après la fin du contrat',
    ])
      expect(text, phrase).toContain(phrase);
    expect(text).toContain(messagesFor('fr').vocab.legalBasis.contract.text);
    expect(text).not.toContain('Why we use your data');
    // The data files and the summary use the French markers for withheld values.
    expect(JSON.parse(entries.get('data/shop.cards.json')?.toString('utf8') ?? '')[0].token).toBe('[conservé chiffré]');
    expect(text).toContain('[conservé chiffré]');
    expect(text).not.toContain(WITHHELD.encrypted);
  });

  it('writes no file when the person is not found', async () => {
    rich = createRichShop('package-none');
    const ctx = rich.context();
    const out = join(rich.shop.dir, 'nobody.zip');
    const request = { id: 'req-none', identities: new Map([['email', ['nobody@example.com']]]) };
    expect(await writeAccessPackage(ctx, request, { out, lang: 'en' })).toMatchObject({ found: false, rows: 0, collections: 0 });
    await ctx.close();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(rich.shop.dir).filter((f) => f.startsWith('.custos-access-'))).toEqual([]);
  });

  it('leaves no file behind when the export fails halfway', async () => {
    rich = createRichShop('package-abort');
    const controller = new AbortController();
    const ctx = { ...rich.context(), signal: controller.signal, onProgress: () => controller.abort(new Error('stopped by the test')) };
    const out = join(rich.shop.dir, 'aborted.zip');
    await expect(writeAccessPackage(ctx, adaRequest(rich.model, 'req-abort'), { out, lang: 'en' })).rejects.toThrow();
    await ctx.close();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(rich.shop.dir).filter((f) => f.startsWith('.custos-access-'))).toEqual([]);
  });
});

describe('writePortabilityDocument', () => {
  it('holds only the portable fields the person provided, as structured JSON', async () => {
    rich = createRichShop('portability-doc');
    const ctx = rich.context();
    const document = await writePortabilityDocument(ctx, adaRequest(rich.model, 'req-portable'));
    await ctx.close();
    expect(document.found).toBe(true);
    expect(JSON.parse(document.json)).toEqual({
      format: 'custos-portability/1',
      generatedAt: NOW.toISOString(),
      controller: { name: 'Shop Test', address: '1 rue du Test, Paris', contact: { email: 'privacy@shop.example' } },
      collections: { 'shop.customers': [{ id: 1, email: 'ada@example.com', handle: 'ada', name: 'Ada Lovelace' }] },
    });
  });
});
