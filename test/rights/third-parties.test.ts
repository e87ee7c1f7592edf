// Rows about other people in an access package: included, redacted or only counted, as the manifest says, and said so.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeIdentities } from '../../src/rights/index.js';
import { writeAccessPackage } from '../../src/rights/package/index.js';
import { pageText, readZip } from '../../src/rights/package/package.test-support.js';
import { createShop, type Shop } from './shop.js';
import { testContext } from './context.js';

let shop: Shop;
afterEach(() => shop?.cleanup());

// Support messages hold staff replies (another person's words); cards are counted only, to exercise the third form.
const thirdParties = (text: string) =>
  text
    .replace('      messages:\n', '      messages:\n        thirdParty: redact\n')
    .replace('      cards:\n', '      cards:\n        thirdParty: count\n');

async function packageOf(s: Shop, lang: 'en' | 'fr') {
  const ctx = testContext(s);
  const out = join(s.dir, `access-${lang}.zip`);
  await writeAccessPackage(
    ctx,
    { id: `req-3p-${lang}`, identities: normalizeIdentities(s.model, new Map([['email', ['ada@example.com']]])) },
    { out, lang },
  );
  await ctx.close();
  return readZip(out);
}

describe('other people in an access package', () => {
  it('redacts the personal fields of a redacted collection, leaves out a counted one, and says both in the summary', async () => {
    shop = createShop('third-parties', { manifest: thirdParties });
    const entries = await packageOf(shop, 'en');
    const messages = JSON.parse(entries.get('data/activity.messages.json')?.toString() ?? '[]') as Record<string, unknown>[];
    expect(messages.map((m) => [m.id, m.body])).toEqual([
      [81, "[another person's data]"],
      [82, "[another person's data]"],
    ]);
    expect(JSON.stringify(messages)).not.toContain('Rebooted it for you');
    expect([...entries.keys()].some((name) => name.includes('shop.cards'))).toBe(false);
    const summary = pageText(entries.get('summary.html')?.toString() ?? '');
    expect(summary).toContain('their personal data is replaced by a marker: activity.messages — 2');
    expect(summary).toContain('we only tell you how many we hold: shop.cards — 1');
  });

  it('says it in French too', async () => {
    shop = createShop('third-parties-fr', { manifest: thirdParties });
    const entries = await packageOf(shop, 'fr');
    const messages = entries.get('data/activity.messages.json')?.toString() ?? '';
    expect(messages).toContain('[données d’une autre personne]');
    expect(pageText(entries.get('summary.html')?.toString() ?? '')).toContain(
      'nous vous indiquons seulement combien nous en détenons : shop.cards — 1',
    );
  });
});
