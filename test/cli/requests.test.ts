// The `custos rights …` commands as a user runs them: bad input refused before any data is touched, with an error
// that names the flag and never repeats personal data; output cut short by a closed pipe; files written owner-only.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShop, SHOP_MANIFEST, type Shop } from '../rights/shop.js';
import { runCli } from './run-cli.js';

let shop: Shop;
beforeAll(() => {
  shop = createShop('cli-requests');
  writeFileSync(join(shop.dir, 'shop.yaml'), SHOP_MANIFEST);
});
afterAll(() => shop.cleanup());

const custos = (...args: string[]) => runCli(args, { cwd: shop.dir });
/** A named pipe in the shop's folder, made on first use. */
const pipe = (): string => {
  const path = join(shop.dir, 'ada.pipe');
  if (!existsSync(path)) execFileSync('mkfifo', [path]);
  return path;
};
const customerIds = () => {
  const db = shop.shopDb();
  try {
    return db.prepare('SELECT id FROM customers ORDER BY id').all();
  } finally {
    db.close();
  }
};
/** Runs journaled in Custos's own store (.custos/custos.db in the working folder), by id. */
const journaledRuns = (): string[] => {
  const file = join(shop.dir, '.custos', 'custos.db');
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { id: string }>('SELECT id FROM runs ORDER BY id')
      .all()
      .map((r) => r.id);
  } finally {
    db.close();
  }
};
/** No stack trace and no Node error report: one-line errors only. */
const noTrace = (stderr: string) => {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/EPIPE|Error:|unexpected error/);
};

describe('refusing bad input before touching anything', { timeout: 120_000 }, () => {
  it('refuses a value of the wrong type for rectify without suggesting a resume, and journals no run', async () => {
    const run = await custos(
      'rights',
      'rectify',
      '.',
      '--identity',
      'email=bob@example.com',
      '--set',
      'shop.customers.id=abc',
      '--request-id',
      'fix-1',
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('custos: shop.customers.id: shop.customers.id expects an integer\n');
    expect(journaledRuns()).not.toContain('fix-1');
  });

  it('refuses a plan from an identity key the manifest does not declare, listing the declared ones', async () => {
    const run = await custos('rights', 'plan', '.', '--identity', 'nosuch');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'custos: --identity names an identity key the manifest does not declare (it declares: email, customer_id, handle)\n',
    );
  });

  it('refuses a bare --identity value without repeating it (it is personal data)', async () => {
    const run = await custos('rights', 'access', '.', '--identity', 'ada@example.com');
    expect(run.status).toBe(2);
    expect(run.stderr).not.toContain('ada@example.com');
    expect(run.stderr).toBe('custos: --identity must be KEY=VALUE with KEY one of: email, customer_id, handle (e.g. --identity email=…)\n');
  });

  it('refuses a --set without a target without repeating what was typed (it may be the new value)', async () => {
    const run = await custos('rights', 'rectify', '.', '--identity', 'email=bob@example.com', '--set', 'bob@new.example');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('custos: --set must be TARGET=VALUE (e.g. --set user.contact.email=…)\n');
  });

  it('refuses a request id that would put the package outside the working folder', async () => {
    const run = await custos('rights', 'access', '.', '--identity', 'email=bob@example.com', '--request-id', '/../../x');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^custos: --request-id must be 1 to 128 letters, digits/);
    for (const folder of [shop.dir, dirname(shop.dir), dirname(dirname(shop.dir))]) expect(readdirSync(folder)).not.toContain('x.zip');
  });

  it.each([
    ['a folder', () => shop.dir, /-o .*: is a folder; name a file in it/],
    // A named pipe of our own stands for a device: a test must never risk replacing the machine's /dev/null.
    ['a named pipe', () => pipe(), /-o .*ada\.pipe: exists and is not a regular file/],
  ])('refuses -o %s with a clear error, and leaves it as it was (src/cli/paths.test.ts: a missing folder)', async (_, out, message) => {
    const run = await custos('rights', 'access', '.', '--identity', 'email=bob@example.com', '-o', out());
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('resume');
    noTrace(run.stderr);
    expect(statSync(pipe()).isFIFO()).toBe(true);
  });

  it('refuses a --now that is no day of the calendar, before erasing anything', async () => {
    const run = await custos('rights', 'erase', '.', '--identity', 'email=ada@example.com', '--now', '2026-02-30');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('custos: --now "2026-02-30" is not a day of the calendar (such as 2026-11-23 or 2026-11-23T10:00:00Z)\n');
    expect(customerIds()).toEqual([{ id: 1 }, { id: 2 }]);
  });
});

describe('files Custos writes', { timeout: 120_000 }, () => {
  it('writes the access package, its store, its folder and its pseudonym key readable by the owner only', async () => {
    const run = await custos('rights', 'access', '.', '--identity', 'email=bob@example.com', '-o', 'bob.zip', '--request-id', 'access-bob');
    expect(run.status).toBe(0);
    const mode = (path: string) => statSync(join(shop.dir, path)).mode & 0o777;
    expect(mode('bob.zip')).toBe(0o600);
    expect(mode('.custos')).toBe(0o700);
    expect(mode('.custos/custos.db')).toBe(0o600);
    expect(mode('.custos/pseudonym.key')).toBe(0o600);
  });
});

describe('output closed early (custos … | head)', { timeout: 120_000 }, () => {
  it('finishes the erasure, exits 0 and prints no stack trace', async () => {
    const run = await runCli(['rights', 'erase', '.', '--identity', 'email=ada@example.com', '--request-id', 'erase-ada'], {
      cwd: shop.dir,
      closeStdout: true,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(customerIds()).toEqual([{ id: 2 }]);
    expect(journaledRuns()).toContain('erase-ada');
  });
});
