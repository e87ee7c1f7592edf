// Restriction on SQLite where the flag column refuses NULL: the manifest's liftValue is what lifting writes.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/rights/context.js';
import { CustosError } from '../../errors.js';
import { compilePolicy } from '../../policy/index.js';
import { executeRestriction, normalizeIdentities } from '../index.js';
import { testProvider } from '../../../test/manifest-header.js';

const MANIFEST = `
${testProvider('Flag Test', 'flag')}
retention:
  account: { duration: P3Y, trigger: contract-end }
purposes:
  contract: { name: Contract, description: Runs the contract, legalBasis: contract, subjects: [customer], categories: [user.contact.email], retention: account }
datasets:
  app:
    store: { kind: sqlite, file: app.db }
    collections:
      customers:
        timestamps: { contract-end: closed_at }
        restriction: { field: processing_restricted, value: 1, liftValue: 0 }
        fields:
          id: { type: integer }
          email: { category: user.contact.email, type: email, identity: email }
          processing_restricted: { type: integer, required: true }
          closed_at: { type: datetime }
`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('restriction of a NOT NULL flag', () => {
  it('lifts the mark by writing the declared liftValue, for the person only', async () => {
    dir = join(process.cwd(), 'test/.tmp', `restrict-not-null-${process.pid}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    const result = compilePolicy([{ path: 'flag.yaml', text: MANIFEST }], { baseDir: dir, now: new Date('2026-11-23T00:00:00Z') });
    if (!result.model || !result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
    const model = result.model;
    const file = join(dir, 'app.db');
    const db = new Database(file);
    db.exec(`
      CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, processing_restricted INTEGER NOT NULL DEFAULT 0, closed_at TEXT);
      INSERT INTO customers (id, email, processing_restricted) VALUES (1, 'ada@example.com', 0), (2, 'bob@example.com', 1);
    `);
    db.close();
    const flags = () => {
      const d = new Database(file);
      const rows = d.prepare('SELECT id, processing_restricted AS flag FROM customers ORDER BY id').all();
      d.close();
      return rows;
    };
    const ada = normalizeIdentities(model, new Map([['email', ['ada@example.com']]]));
    const run = async (id: string, lift: boolean) => {
      const ctx = testContext({ dir: dir ?? '', model });
      try {
        return await executeRestriction(ctx, { id, identities: ada }, { lift });
      } finally {
        await ctx.close();
      }
    };
    expect((await run('req-restrict', false)).status).toBe('completed');
    expect(flags()).toEqual([
      { id: 1, flag: 1 },
      { id: 2, flag: 1 },
    ]);
    expect((await run('req-lift', true)).status).toBe('completed');
    expect(flags()).toEqual([
      { id: 1, flag: 0 },
      { id: 2, flag: 1 },
    ]);
  });

  it('is refused by lint when the flag is required and no liftValue is declared, or the lift writes the restricting value (CUS056)', () => {
    const text = MANIFEST.replace(', liftValue: 0', '');
    const result = compilePolicy([{ path: 'flag.yaml', text }], { now: new Date('2026-11-23T00:00:00Z') });
    expect(result.ok).toBe(false);
    const problems = (r: typeof result) => r.diagnostics.filter((d) => d.severity !== 'info');
    expect(problems(result).map((d) => d.code)).toEqual(['CUS056']);
    expect(problems(result)[0]?.fix).toContain('liftValue');
    const same = compilePolicy([{ path: 'flag.yaml', text: MANIFEST.replace('liftValue: 0', 'liftValue: 1') }], {
      now: new Date('2026-11-23T00:00:00Z'),
    });
    expect(problems(same).map((d) => `${d.code} ${d.message}`)).toEqual([
      'CUS056 app.customers: lifting a restriction writes the same value as restricting: the rows would stay marked',
    ]);
  });

  it('refuses to restrict when no collection declares a restriction mark, before journaling anything', async () => {
    dir = join(process.cwd(), 'test/.tmp', `restrict-no-mark-${process.pid}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    const text = MANIFEST.replace(/\n +restriction: .*/, '');
    const result = compilePolicy([{ path: 'flag.yaml', text }], { baseDir: dir, now: new Date('2026-11-23T00:00:00Z') });
    if (!result.model) throw new Error('the manifest does not compile');
    expect(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual(['CUS071']);
    const model = result.model;
    const ctx = testContext({ dir, model });
    try {
      const ada = normalizeIdentities(model, new Map([['email', ['ada@example.com']]]));
      const refused = executeRestriction(ctx, { id: 'req-no-mark', identities: ada });
      await expect(refused).rejects.toThrow(CustosError);
      await expect(refused).rejects.toMatchObject({ code: 'precondition-failed', message: expect.stringContaining('restriction: {') });
      expect(await ctx.store.journal.get('req-no-mark')).toBeUndefined();
    } finally {
      await ctx.close();
    }
  });
});
