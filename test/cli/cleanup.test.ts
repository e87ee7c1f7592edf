// A `custos rights …` command that fails still closes Custos's store before it exits: the store's write-ahead log is
// folded back into the file and removed (SQLite does so when its last connection closes), and a next run opens cleanly.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShop, SHOP_MANIFEST, type Shop } from '../rights/shop.js';
import { runCli } from './run-cli.js';

let shop: Shop;
beforeAll(() => {
  shop = createShop('cli-cleanup');
  writeFileSync(join(shop.dir, 'shop.yaml'), SHOP_MANIFEST);
});
afterAll(() => shop.cleanup());

const custos = (...args: string[]) => runCli(args, { cwd: shop.dir });
const store = (suffix = '') => join(shop.dir, '.custos', `custos.db${suffix}`);

describe('a failing request command', () => {
  it('closes the store it opened before exiting with the failure code', async () => {
    // -o naming a folder fails inside the request, once the store and the connectors are open.
    const run = await custos('rights', 'access', '.', '--identity', 'email=bob@example.com', '-o', '.', '--request-id', 'access-bob');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^custos: -o .*: is a folder; name a file in it\n$/);
    expect(existsSync(store())).toBe(true);
    expect(existsSync(store('-wal'))).toBe(false);
    expect(existsSync(store('-shm'))).toBe(false);
  });

  it('leaves nothing held: the same request then runs to the end', async () => {
    const run = await custos('rights', 'access', '.', '--identity', 'email=bob@example.com', '-o', 'bob.zip', '--request-id', 'access-bob');
    expect(run.stderr).not.toContain('busy');
    expect(run.status).toBe(0);
    expect(existsSync(join(shop.dir, 'bob.zip'))).toBe(true);
    expect(existsSync(store('-wal'))).toBe(false);
  });
});
