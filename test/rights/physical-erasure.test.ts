// Physical erasure on SQLite: after an erasure the person's values are gone from the bytes of the provider's files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { executeErasure, normalizeIdentities } from '../../src/rights/index.js';
import { testContext } from './context.js';
import { createShop, type Shop } from './shop.js';

let shop: Shop | undefined;
afterEach(() => shop?.cleanup());

/** Ada's values as the shop's files hold them before the erasure: e-mail, name, address, IPs, a ticket's words. */
const ADA = [
  'ada@example.com',
  'Ada Lovelace',
  'Analytical St',
  '203.0.113.77',
  '2001:db8:85a3:8d3:1319:8a2e:370:7348',
  'Reboot please',
  'My VPS is stuck',
];

/** Which of Ada's values the file's bytes still hold (none when it does not exist). */
function leftIn(file: string): string[] {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file).toString('latin1');
  return ADA.filter((value) => bytes.includes(value));
}

describe('physical erasure on SQLite', () => {
  it('leaves none of the person’s values in the store files, a WAL file after its checkpoint included', async () => {
    shop = createShop('physical');
    const shopFile = join(shop.dir, 'shop.db');
    const activityFile = join(shop.dir, 'activity.db');
    expect(leftIn(shopFile)).toEqual(['ada@example.com', 'Ada Lovelace', 'Analytical St']);
    // The activity store runs in WAL mode with the application's connection open throughout, so its WAL outlives Custos's.
    const application = new Database(activityFile);
    application.pragma('journal_mode = WAL');
    expect(application.prepare('SELECT count(*) AS n FROM logins').get()).toEqual({ n: 3 });
    const ctx = testContext(shop);
    const result = await executeErasure(ctx, {
      id: 'req-physical',
      identities: normalizeIdentities(shop.model, new Map([['email', ['ada@example.com']]])),
    });
    await ctx.close();
    expect(result.status).toBe('completed');
    // The WAL holds the erasure's frames; a checkpoint that keeps the file copies them into the database.
    application.pragma('wal_checkpoint(FULL)');
    expect(readFileSync(`${activityFile}-wal`).length).toBeGreaterThan(0);
    expect({
      shop: leftIn(shopFile),
      activity: leftIn(activityFile),
      activityWal: leftIn(`${activityFile}-wal`),
      custos: leftIn(join(shop.dir, 'custos.db')),
    }).toEqual({ shop: [], activity: [], activityWal: [], custos: [] });
    // Bob's rows are untouched.
    expect(application.prepare('SELECT ip FROM logins WHERE id = 53').get()).toEqual({ ip: '198.51.100.9' });
    application.close();
  });
});
