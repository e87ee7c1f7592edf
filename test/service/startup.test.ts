// `custos serve` refusing to start: a bad manifest, a PostgreSQL server out of reach, no master key, a bad option — each
// one clear line on stderr, a non-zero exit, no stack trace, nothing listening.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusCopy, serviceEnv, spawnCustos } from './processes.js';

const dir = resolve(`test/.tmp/service-startup-${process.pid}-${Date.now()}`);
let privacy: string;
beforeAll(async () => {
  privacy = await nimbusCopy(dir, 3);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refused(args: readonly string[], env = serviceEnv()) {
  const run = spawnCustos(['serve', ...args], dir, env);
  const exit = await run.exit;
  const lines = run.errors().trim().split('\n');
  return { exit, stderr: run.errors(), lines, stdout: run.output() };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:|node:internal/);

describe('custos serve refusing to start', () => {
  it('names the manifest error and exits 1', async () => {
    const bad = join(dir, 'bad-privacy');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'organization.yaml'), 'organization:\n  name: Broken\n  nonsense: [\n');
    const { exit, stderr, stdout } = await refused([bad, '--store', join(dir, 'bad.db'), '--port', '0']);
    expect(exit).not.toBe(0);
    expect(stderr).toMatch(/organization\.yaml:\d+:\d+/);
    noStack(stderr);
    expect(stdout).not.toContain('custos: serving');
  }, 60_000);

  it('says the PostgreSQL store is out of reach, in one line', async () => {
    const { exit, lines, stderr, stdout } = await refused([privacy, '--store', 'postgres://custos@127.0.0.1:1/none', '--port', '0']);
    expect(exit).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^custos: could not open the Custos store on PostgreSQL: .*ECONNREFUSED/);
    noStack(stderr);
    expect(stdout).toBe('');
  }, 60_000);

  it('asks for a master key when none is set, and names a key file open to others', async () => {
    const store = ['--store', join(dir, 'nokey.db'), '--port', '0'];
    const missing = await refused([privacy, ...store], serviceEnv({ CUSTOS_MASTER_KEY: undefined }));
    expect(missing.exit).toBe(2);
    expect(missing.lines).toEqual([expect.stringMatching(/^custos: no master key: set CUSTOS_MASTER_KEY .* or CUSTOS_MASTER_KEY_FILE/)]);
    noStack(missing.stderr);

    const file = join(dir, 'open.key');
    writeFileSync(file, `${'ab'.repeat(32)}\n`, { mode: 0o644 });
    const open = await refused([privacy, ...store], serviceEnv({ CUSTOS_MASTER_KEY: undefined, CUSTOS_MASTER_KEY_FILE: file }));
    expect(open.exit).toBe(2);
    expect(open.lines).toEqual([expect.stringContaining('is open to other users (mode 0644)')]);
    expect(open.stderr).not.toContain('ab'.repeat(32));
  }, 60_000);

  it('refuses a port that is not one, and a port already taken', async () => {
    const bad = await refused([privacy, '--store', join(dir, 'port.db'), '--port', 'eighty']);
    expect(bad.exit).toBe(2);
    expect(bad.lines).toEqual(['custos: --port must be a whole number, e.g. --port 3000']);

    const first = spawnCustos(['serve', privacy, '--store', join(dir, 'port.db'), '--port', '0'], dir, serviceEnv());
    const port = /:(\d+) —/.exec(await first.waitFor('custos: serving'))![1]!;
    const taken = await refused([privacy, '--store', join(dir, 'port2.db'), '--port', port]);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(taken.exit).not.toBe(0);
    expect(taken.lines).toHaveLength(1);
    expect(taken.lines[0]).toMatch(new RegExp(`^custos: .*${port}`));
    noStack(taken.stderr);
  }, 90_000);
});
