// A run journaled in a form this Custos cannot read (a record of a newer version, or one changed outside Custos) is
// refused with an error naming the run, before a single row of the provider's stores is written.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CustosError } from '../../src/errors.js';
import { createConnectorPool, type ConnectorPool } from '../../src/connectors/index.js';
import { executeErasure, normalizeIdentities } from '../../src/rights/index.js';
import { JOURNAL_RECORD_VERSIONS } from '../../src/store/index.js';
import { createShop, type Shop } from './shop.js';
import { dump, testContext } from './context.js';

let shop: Shop | undefined;
afterEach(() => shop?.cleanup());

const ada = (s: Shop) => normalizeIdentities(s.model, new Map([['email', ['Ada@Example.com']]]));

/** Erases Ada until the activity store goes down: the run is left half done, resumable, as after a crash. */
async function interruptedErasure(s: Shop, id: string): Promise<void> {
  const real = createConnectorPool(s.model);
  let activityUp = true;
  const flaky: ConnectorPool = {
    get: (dataset) =>
      dataset === 'activity' && !activityUp
        ? Promise.reject(new CustosError({ code: 'store-unavailable', message: 'dataset "activity" is unavailable' }))
        : real.get(dataset),
    close: () => real.close(),
  };
  const ctx = testContext(s, {
    pool: flaky,
    onProgress: (e) => void (e.type === 'committed' && e.dataset === 'shop' && (activityUp = false)),
  });
  await expect(executeErasure(ctx, { id, identities: ada(s) })).rejects.toMatchObject({ code: 'store-unavailable' });
  await ctx.close();
}

/** Changes Custos's journal directly, as another version of Custos (or a hand) would have. */
function editJournal(s: Shop, sql: string, ...params: unknown[]): number {
  const db = new Database(join(s.dir, 'custos.db'));
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

/** Every row of both of the provider's stores. */
function providerRows(s: Shop) {
  const a = s.shopDb();
  const b = s.activityDb();
  try {
    return JSON.stringify([dump(a), dump(b)]);
  } finally {
    a.close();
    b.close();
  }
}

async function resume(s: Shop, id: string) {
  const ctx = testContext(s);
  try {
    return await executeErasure(ctx, { id, identities: ada(s) });
  } finally {
    await ctx.close();
  }
}

describe('a journal this Custos cannot read', () => {
  it.each([
    ['run', 'UPDATE runs SET version = ? WHERE id = ?'],
    ['intents', "UPDATE run_log SET version = ? WHERE run_id = ? AND kind = 'intents'"],
    ['done', "UPDATE run_log SET version = ? WHERE run_id = ? AND kind = 'done'"],
  ] as const)('refuses to resume a run whose %s record a newer Custos wrote, writing nothing', async (kind, sql) => {
    shop = createShop(`newer-${kind}`);
    await interruptedErasure(shop, 'req-newer');
    const newer = JOURNAL_RECORD_VERSIONS[kind] + 1;
    expect(editJournal(shop, sql, newer, 'req-newer')).toBeGreaterThan(0);
    const before = providerRows(shop);
    await expect(resume(shop, 'req-newer')).rejects.toMatchObject({
      name: 'CustosError',
      code: 'precondition-failed',
      message: `run "req-newer" was journaled by a newer Custos (its ${kind} record is version ${newer}; this version reads up to ${JOURNAL_RECORD_VERSIONS[kind]}): resume it with that newer version`,
    });
    expect(providerRows(shop)).toBe(before);
  });

  it('refuses a step record that breaks its schema, naming the run and the place, never its values', async () => {
    shop = createShop('damaged-step');
    await interruptedErasure(shop, 'req-damaged');
    editJournal(
      shop,
      `UPDATE run_log SET body = '[{"stepId":"x","rows":"ada@example.com"}]' WHERE run_id = ? AND kind = 'done'`,
      'req-damaged',
    );
    editJournal(shop, `UPDATE run_log SET kind = 'attempt' WHERE run_id = ? AND kind = 'done'`, 'req-damaged');
    const before = providerRows(shop);
    const refusal = resume(shop, 'req-damaged');
    await expect(refusal).rejects.toMatchObject({
      code: 'store-error',
      message: expect.stringMatching(
        /^run "req-damaged" cannot be resumed: its journaled attempt record does not match its schema at 0\.rows /,
      ),
    });
    await expect(refusal).rejects.not.toMatchObject({ message: expect.stringContaining('ada@') });
    expect(providerRows(shop)).toBe(before);
  });

  it('refuses a journaled plan that lost what the executors walk, before touching a store', async () => {
    shop = createShop('damaged-plan');
    await interruptedErasure(shop, 'req-plan');
    expect(editJournal(shop, `UPDATE plans SET body = json_remove(body, '$.erasure')`)).toBeGreaterThan(0);
    const before = providerRows(shop);
    await expect(resume(shop, 'req-plan')).rejects.toMatchObject({
      code: 'store-error',
      message: expect.stringMatching(/^run "req-plan" cannot be resumed: its journaled plan record does not match its schema at erasure /),
    });
    expect(providerRows(shop)).toBe(before);
  });

  it('refuses a step intent that lost its shape before any store is written, not when its store comes', async () => {
    shop = createShop('damaged-intent');
    await interruptedErasure(shop, 'req-intent');
    const changed = editJournal(
      shop,
      `UPDATE run_log SET body = json_set(body, '$[#-1].intent', json('{"rows":"ada@example.com","holds":[]}')) WHERE run_id = ? AND kind = 'intents'`,
      'req-intent',
    );
    expect(changed).toBeGreaterThan(0);
    const before = providerRows(shop);
    const refusal = resume(shop, 'req-intent');
    await expect(refusal).rejects.toMatchObject({
      code: 'store-error',
      message: expect.stringMatching(
        /^run "req-intent" cannot be resumed: its journaled intent of step \S+ record does not match its schema/,
      ),
    });
    await expect(refusal).rejects.not.toMatchObject({ message: expect.stringContaining('ada@') });
    expect(providerRows(shop)).toBe(before);
  });

  it('still resumes a run journaled at the current versions', async () => {
    shop = createShop('current');
    await interruptedErasure(shop, 'req-current');
    await expect(resume(shop, 'req-current')).resolves.toMatchObject({ status: 'completed' });
  });
});
