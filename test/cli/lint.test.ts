// `custos lint` as a user runs it: unusable input exits 2 with a place, a named pipe does not block it, a closed
// output does not crash it, and --now takes only real instants.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/manifests/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'custos-lint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lint = (...args: string[]) => runCli(['lint', ...args], { cwd: FIXTURES });

describe('custos lint', () => {
  it('reports YAML it refuses to expand at file:line:col and exits 2, as for any file it cannot read', async () => {
    const run = await lint('yaml-unresolved-alias');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(
      'yaml-unresolved-alias/billing.yaml:36:17: error CUS050: alias *invoice-categories names no anchor set before it',
    );
    expect(run.stderr).toBe('');
  });

  it('skips a named pipe called a.yaml with a warning instead of waiting on it forever', async () => {
    const dir = join(scratch, 'with-fifo');
    cpSync(join(FIXTURES, 'valid-minimal'), dir, { recursive: true });
    execFileSync('mkfifo', [join(dir, 'a.yaml')]);
    const run = await runCli(['lint', dir, '--now', '2026-11-23'], { cwd: scratch });
    expect(run.stdout).toBe(
      'with-fifo/a.yaml:1:1: warning CUS052: skipped: a named pipe, not a regular file, so it was not read (move it out of the manifest folder, or replace it with a regular file)\n0 errors, 1 warning in 5 files\n',
    );
    expect(run.status).toBe(0);
  });

  it('prints notes on defaults relied on as info, exits 0, and counts them apart from warnings', async () => {
    const run = await lint('post-mortem-unstated', '--now', '2026-11-23');
    expect(run.stdout).toContain('post-mortem-unstated/organization.yaml:');
    expect(run.stdout).toContain(': info CUS063: nothing is stated on what happens to data after death');
    expect(run.stdout).toContain('no problems (1 note on defaults relied on) in 4 files\n');
    expect(run.status).toBe(0);
    const json = JSON.parse((await lint('post-mortem-unstated', '--now', '2026-11-23', '--format', 'json')).stdout) as Record<
      string,
      unknown
    >;
    expect([json.ok, json.errors, json.warnings, json.infos]).toEqual([true, 0, 0, 1]);
  });

  it('keeps its exit code when its output is closed early, with no stack trace', async () => {
    const run = await runCli(['lint', 'unknown-category'], { cwd: FIXTURES, closeStdout: true });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });

  it('refuses --now 0, naming --now (src/cli/instant.test.ts holds the other cases)', async () => {
    const run = await lint('valid-minimal', '--now', '0');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('custos: --now "0" is not an ISO 8601 date or date-time such as 2026-11-23 or 2026-11-23T10:00:00Z\n');
  });
});
