// Look-alike identities: a value whose Unicode normalisation changes more than its case never selects another person.
import { afterEach, describe, expect, it } from 'vitest';
import type { CustosError } from '../../src/errors.js';
import { executeErasure, normalizeIdentities, parseIdentityArgs } from '../../src/rights/index.js';
import { testContext, dump } from './context.js';
import { createShop, type Shop } from './shop.js';

let shop: Shop | undefined;
afterEach(() => shop?.cleanup());

/** U+212A KELVIN SIGN: lower-cased, it becomes an ASCII `k`. */
const KELVIN = '\u212A';

/** The shop with Kjell (customer 3, kjell@example.com) and, for the expansion case, customer 4 whose e-mail is written with a KELVIN SIGN. */
function shopWithKjell(name: string): Shop {
  const s = createShop(name);
  const db = s.shopDb();
  db.prepare("INSERT INTO customers (id, email, handle, name, restricted) VALUES (3, 'kjell@example.com', 'kjell', 'Kjell Berg', 0)").run();
  db.prepare("INSERT INTO customers (id, email, handle, name, restricted) VALUES (4, ?, 'kelvin', 'Kelvin Look', 0)").run(
    `${KELVIN}jell@example.com`,
  );
  db.close();
  return s;
}

function thrown(run: () => unknown): CustosError | undefined {
  try {
    run();
  } catch (e) {
    return e as CustosError;
  }
  return undefined;
}

describe('identity normalisation', () => {
  it('refuses an e-mail written with a KELVIN SIGN without echoing it, and erases nothing', async () => {
    shop = shopWithKjell('kelvin-request');
    const before = [dump(shop.shopDb()), dump(shop.activityDb())];
    const value = `${KELVIN}jell@example.com`;
    const error = thrown(() => normalizeIdentities(shop!.model, parseIdentityArgs([`email=${value}`])));
    expect(error?.code).toBe('invalid-input');
    expect(error?.message).toMatch(/identity "email" holds look-alike characters/);
    expect(error?.message).not.toContain('jell');
    const ctx = testContext(shop);
    await expect(
      (async () =>
        executeErasure(ctx, { id: 'req-kelvin', identities: normalizeIdentities(shop!.model, new Map([['email', [value]]])) }))(),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    await ctx.close();
    expect([dump(shop.shopDb()), dump(shop.activityDb())]).toEqual(before);
  });

  it('refuses full-width and ligature forms of any identity, case-sensitive ones included', () => {
    shop = createShop('fullwidth');
    for (const [key, value] of [
      ['email', 'ａda@example.com'],
      ['handle', 'ａda'],
      ['handle', 'ﬁona'],
    ] as const) {
      expect(thrown(() => normalizeIdentities(shop!.model, new Map([[key, [value]]])))?.code).toBe('invalid-input');
    }
  });

  it('still finds the lower-case row from an ordinary mixed-case e-mail', async () => {
    shop = shopWithKjell('mixed-case');
    const identities = normalizeIdentities(shop.model, parseIdentityArgs(['email=Kjell@Example.COM']));
    expect(identities.get('email')).toEqual(['kjell@example.com']);
    const ctx = testContext(shop);
    const result = await executeErasure(ctx, { id: 'req-kjell', identities });
    await ctx.close();
    expect(result.status).toBe('completed');
    const db = shop.shopDb();
    expect(db.prepare('SELECT id FROM customers ORDER BY id').all()).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }]);
    db.close();
  });

  it('does not fold a look-alike value found on a row into another person’s e-mail while expanding identities', async () => {
    shop = shopWithKjell('kelvin-row');
    const ctx = testContext(shop);
    // Customer 4 is found by handle; their e-mail, written with a KELVIN SIGN, is looked up as it is, not as kjell@….
    const result = await executeErasure(ctx, {
      id: 'req-kelvin-row',
      identities: normalizeIdentities(shop.model, new Map([['handle', ['kelvin']]])),
    });
    await ctx.close();
    expect(result.status).toBe('completed');
    const db = shop.shopDb();
    expect(db.prepare('SELECT id FROM customers ORDER BY id').all()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    db.close();
  });

  it('names the identity argument without its value when it is not KEY=VALUE', () => {
    expect(thrown(() => parseIdentityArgs(['email=ada@example.com', 'bob@example.com']))?.message).toBe(
      'identity #2 has no KEY= before its value: write KEY=VALUE (e.g. email=ada@example.com)',
    );
    expect(thrown(() => parseIdentityArgs(['email=']))?.message).toMatch(/^identity "email" has no value/);
  });
});
