// `custos rights restrict` as a user runs it: a manifest with no restriction mark fails with one clear line and exit 1,
// instead of saying "restricted" having written nothing; with a mark, the person's row is flagged.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProvider } from '../manifest-header.js';
import { runCli } from './run-cli.js';

const MANIFEST = `
${testProvider('Restrict Test', 'restrict')}
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
        restriction: { field: restricted, value: 1, liftValue: 0 }
        fields:
          id: { type: integer }
          email: { category: user.contact.email, type: email, identity: email }
          restricted: { type: integer }
          closed_at: { type: datetime }
`;

const root = join(process.cwd(), 'test/.tmp', `cli-restrict-${process.pid}-${Date.now()}`);

/** A provider folder holding the manifest (edited by `edit`) and a SQLite store with Ada's row. */
function provider(name: string, edit: (text: string) => string = (t) => t): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'privacy.yaml'), edit(MANIFEST));
  const db = new Database(join(dir, 'app.db'));
  db.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, restricted INTEGER NOT NULL DEFAULT 0, closed_at TEXT);
           INSERT INTO customers (id, email) VALUES (1, 'ada@example.com');`);
  db.close();
  return dir;
}

const flag = (dir: string): unknown => {
  const db = new Database(join(dir, 'app.db'), { readonly: true });
  try {
    return db.prepare('SELECT restricted FROM customers WHERE id = 1').pluck().get();
  } finally {
    db.close();
  }
};

beforeAll(() => mkdirSync(root, { recursive: true }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('custos rights restrict', () => {
  it('fails with one clear line and exit 1 when no collection declares a restriction mark, saying nothing was restricted', async () => {
    const dir = provider('no-mark', (t) => t.replace(/\n +restriction: .*/, ''));
    const run = await runCli(['rights', 'restrict', '.', '--identity', 'email=ada@example.com', '--request-id', 'r1'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('restricted');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('no collection of the manifest declares how to mark');
    expect(run.stderr).toContain('restriction: {');
    expect(run.stderr).not.toContain('ada@example.com');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(flag(dir)).toBe(0);
  });

  it("marks the person's row and says so when a mark is declared", async () => {
    const dir = provider('marked');
    const run = await runCli(['rights', 'restrict', '.', '--identity', 'email=ada@example.com', '--request-id', 'r2'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('restricted (r2)');
    expect(flag(dir)).toBe(1);
  });
});
