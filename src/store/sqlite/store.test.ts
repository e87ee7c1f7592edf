import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './store.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
const tempFile = () => join((dir = mkdtempSync(join(tmpdir(), 'custos-store-'))), 'custos.db');
const at = new Date('2026-11-23T10:00:00Z');

// What the store contract does not cover: the file on disk, its checkpoints, and journals of earlier versions.
describe('the SQLite journal', () => {
  it('checkpoints a store that keeps being written outside the writes, and leaves nothing behind when closed', async () => {
    const file = tempFile();
    const store = openSqliteStore(file);
    const plan = { action: 'access' };
    const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);
    const record = (id: string) =>
      store.journal.record({ id, action: 'access', plan, startedAt: at, status: 'completed', result: { rows: 1 }, finishedAt: at });
    for (let i = 0; i < 150; i++) await record(`r${i}`);
    // 150 writes are far from SQLite's own checkpoint (1,000 pages): the rows are still in the WAL alone.
    const before = sizeOf(file);
    const deadline = Date.now() + 10_000;
    while (sizeOf(file) === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sizeOf(file)).toBeGreaterThan(before);
    await record('last');
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = openSqliteStore(file);
    expect((await reopened.journal.get('last'))?.status).toBe('completed');
    expect((await reopened.journal.get('r0'))?.result).toEqual({ rows: 1 });
    await reopened.close();
  });

  it('closes in a process with nothing else to do: the process waits for the checkpointer and the WAL is folded in', () => {
    const file = tempFile();
    const child = join(import.meta.dirname, '../../../test/store/close-child.ts');
    const ran = spawnSync(process.execPath, ['--import', 'tsx', child, file], { encoding: 'utf8', timeout: 30_000 });
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout).toBe('closed\n');
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('overwrites the resolution a run drops when it ends, so the file itself keeps no trace of the person', async () => {
    const file = tempFile();
    const store = openSqliteStore(file);
    // One person's resolution fits in a row; a large one (a person with thousands of rows) spills onto pages of its own.
    for (const [id, size] of [
      ['small', 10],
      ['large', 20_000],
    ] as const) {
      const resolution = { identities: { email: [`${id}@example.com`] }, selections: { 'shop.logins': [{ id: Array(size).fill(7) }] } };
      await store.journal.open({ id, action: 'erase', plan: {}, resolution, startedAt: at });
      await store.journal.finish(id, 'completed', {}, at);
    }
    await store.close();
    const bytes = readFileSync(file).toString('latin1');
    expect(bytes).not.toContain('small@example.com');
    expect(bytes).not.toContain('large@example.com');
  });

  it('reads runs journaled before plans were shared, steps included', async () => {
    const file = tempFile();
    const old = new Database(file);
    old.exec(SQLITE_MIGRATIONS[0]?.sql ?? '');
    old.exec('CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    old.prepare('INSERT INTO schema_migrations VALUES (1, ?)').run(at.toISOString());
    const combined = { plan: { action: 'erase' }, resolved: { found: true } };
    old
      .prepare("INSERT INTO runs (id, action, plan, status, started_at) VALUES ('old', 'erase', ?, 'running', ?)")
      .run(JSON.stringify(combined), at.toISOString());
    const step = old.prepare('INSERT INTO run_steps (run_id, step_id, intent, done, result, attempts) VALUES (?, ?, ?, ?, ?, 1)');
    step.run('old', '01:delete:x', null, 1, '{"rows":2}');
    step.run('old', '02:mask:y', '{"rows":[]}', 0, null);
    old.close();

    const store = openSqliteStore(file);
    const run = await store.journal.get('old');
    expect(run?.plan).toEqual(combined);
    expect(run?.resolution).toBeUndefined();
    expect(run?.steps.get('01:delete:x')).toEqual({ stepId: '01:delete:x', intent: undefined, done: true, result: { rows: 2 } });
    expect(run?.steps.get('02:mask:y')).toEqual({ stepId: '02:mask:y', intent: { rows: [] }, done: false, result: undefined });
    await store.close();
  });

  it("gives the desk's agents of an earlier store the console's analyst role, and keeps officers officers", async () => {
    const file = tempFile();
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of SQLITE_MIGRATIONS.filter((m) => m.id <= 8)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.id, at.toISOString());
    }
    const user = old.prepare(
      "INSERT INTO users (id, email, email_key, role, password_hash, totp_seed, created_at) VALUES (?, ?, ?, ?, 'h', ?, ?)",
    );
    user.run('u1', 'a@example.com', 'a@example.com', 'agent', null, at.toISOString());
    user.run('u2', 'o@example.com', 'o@example.com', 'officer', 'v1.sealed', at.toISOString());
    old.close();

    const store = openSqliteStore(file);
    expect((await store.users.list()).map((u) => [u.id, u.role, u.totpSeed, u.totpLastStep])).toEqual([
      ['u1', 'analyst', undefined, undefined],
      ['u2', 'officer', 'v1.sealed', undefined],
    ]);
    await store.close();
  });
});

describe('the store files', () => {
  it('are created readable by their owner only, WAL and shared-memory files included, in a folder created 0700', async () => {
    const root = (dir = mkdtempSync(join(tmpdir(), 'custos-store-')));
    const file = join(root, 'project', '.custos', 'custos.db');
    const store = openSqliteStore(file);
    await store.journal.open({ id: 'r', action: 'erase', plan: {}, resolution: { identities: { email: ['x'] } }, startedAt: at });
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect([mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    expect([mode(join(root, 'project')), mode(join(root, 'project', '.custos'))]).toEqual([0o700, 0o700]);
    await store.close();
  });

  it('keep the mode of a store that already exists', async () => {
    const file = tempFile();
    await openSqliteStore(file).close();
    chmodSync(file, 0o640);
    const store = openSqliteStore(file);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    await store.close();
  });
});
