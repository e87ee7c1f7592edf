// The access package streams: 100,000 rows of one collection go into the zip with heap growth far below the data's size.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createShop, type Shop } from '../../../test/rights/shop.js';
import { testContext } from '../../../test/rights/context.js';
import { writeAccessPackage } from './index.js';
import { adaRequest } from './package.test-support.js';
import { openPromise, type Entry } from 'yauzl';

const ROWS = 100_000;
const MB = 1024 * 1024;

let shop: Shop | undefined;
afterEach(() => shop?.cleanup());

/** Uncompressed sizes of a zip's entries, from its central directory (nothing is inflated). */
async function entrySizes(file: string): Promise<Map<string, number>> {
  const zip = await openPromise(file, { lazyEntries: true });
  const sizes = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      sizes.set(entry.fileName, entry.uncompressedSize);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  zip.close();
  return sizes;
}

it('streams 100,000 rows of one collection with heap growth well below the size of the data', async () => {
  shop = createShop('package-memory');
  const db = shop.activityDb();
  // Rows are made in SQLite (no JavaScript garbage before the measure) and padded to ~750 bytes, so the JSON file alone
  // (~80 MB) is larger than the bound: a package that held a collection in memory could not pass.
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
    INSERT INTO logins (customer_id, ip, at)
    SELECT '1', printf('198.51.%d.%d ', i / 256 % 256, i % 256) || hex(zeroblob(350)), '2026-10-05T10:00:00Z' FROM n;
  `);
  db.close();
  const ctx = testContext(shop);
  const out = join(shop.dir, 'big.zip');
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  try {
    const result = await writeAccessPackage(ctx, adaRequest(shop.model, 'req-big'), { out, lang: 'en' });
    expect(result).toMatchObject({ found: true, rows: expect.any(Number) });
    expect(result.rows).toBeGreaterThan(ROWS);
  } finally {
    clearInterval(sampler);
    await ctx.close();
  }
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const sizes = await entrySizes(out);
  // Each file alone is larger than the bound; measured growth is about 20-30 MB.
  expect((sizes.get('data/activity.logins.json') ?? 0) / MB).toBeGreaterThan(70);
  expect((sizes.get('data/activity.logins.csv') ?? 0) / MB).toBeGreaterThan(65);
  expect((peak - before) / MB).toBeLessThan(60);
}, 120_000);
