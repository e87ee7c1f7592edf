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

describe('the SQLite journal', () => {
  it('keeps a plan shared by many runs once, and gives each run its own resolution back', async () => {
    const file = tempFile();
    const store = openSqliteStore(file);
    const plan = { action: 'erase', lookups: ['accounts.customers', 'accounts.invoices'] };
    await store.journal.open({ id: 'r1', action: 'erase', plan, resolution: { selections: { a: [1] } }, startedAt: at });
    await store.journal.open({ id: 'r2', action: 'erase', plan, resolution: { selections: { a: [2] } }, startedAt: at });
    // An equal plan built separately is the same plan.
    await store.journal.record({
      id: 'r3',
      action: 'access',
      plan: JSON.parse(JSON.stringify(plan)),
      startedAt: at,
      status: 'completed',
      result: { found: true },
      finishedAt: at,
    });
    expect((await store.journal.get('r2'))?.plan).toEqual(plan);
    expect((await store.journal.get('r2'))?.resolution).toEqual({ selections: { a: [2] } });
    expect((await store.journal.get('r3'))?.resolution).toBeUndefined();
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM plans').get()).toEqual({ n: 1 });
    db.close();
  });

  it('folds intents and completions in order, the run end marking its last steps done and dropping the resolution', async () => {
    const store = openSqliteStore(tempFile());
    await store.journal.open(
      { id: 'r', action: 'erase', plan: {}, resolution: { identities: { email: ['ada@example.com'] } }, startedAt: at },
      [
        { stepId: 'a', intent: { v: 1 } },
        { stepId: 'b', intent: { v: 1 } },
      ],
    );
    await store.journal.recordIntents('r', [{ stepId: 'b', intent: { v: 2 } }]);
    const hold = { dataset: 'd', collection: 'd.c', key: '{"id":1}', hold: 'h', until: '2030-01-01', runId: 'r' };
    await store.journal.completeSteps('r', { steps: [{ stepId: 'a', result: { rows: 3 } }], holds: [hold] });
    const midway = await store.journal.get('r');
    expect([...(midway?.steps.values() ?? [])]).toEqual([
      { stepId: 'a', intent: { v: 1 }, done: true, result: { rows: 3 } },
      { stepId: 'b', intent: { v: 2 }, done: false, result: undefined },
    ]);
    expect(midway?.resolution).toEqual({ identities: { email: ['ada@example.com'] } });
    await store.journal.finish('r', 'completed', { ok: true }, at, { steps: [{ stepId: 'b', result: { rows: 1 } }] });
    const ended = await store.journal.get('r');
    expect(ended?.status).toBe('completed');
    // The resolution names the person: a run that has ended keeps none.
    expect(ended?.resolution).toBeUndefined();
    expect(ended?.steps.get('b')).toEqual({ stepId: 'b', intent: { v: 2 }, done: true, result: { rows: 1 } });
    expect(await store.holds.forRun('r')).toEqual([hold]);
    await store.close();
  });

  it('registers many holds of one run, a hold named twice keeping its later end', async () => {
    const store = openSqliteStore(tempFile());
    await store.journal.open({ id: 'r', action: 'erase', plan: {}, startedAt: at });
    const holds = Array.from({ length: 40 }, (_, i) => ({
      dataset: 'd',
      collection: 'c',
      key: `{"id":${i}}`,
      hold: 'h',
      until: '2030-01-01',
      runId: 'r',
      ...(i % 2 === 0 ? { from: 'issued_at' } : {}),
    }));
    // The same row under the same hold, again in the same write, and again in a later run.
    const again = { ...holds[3]!, until: '2031-06-30' };
    await store.journal.finish('r', 'completed', {}, at, { steps: [], holds: [...holds, again] });
    const kept = await store.holds.forRun('r');
    expect(kept).toHaveLength(40);
    expect(kept.find((h) => h.key === '{"id":3}')?.until).toBe('2031-06-30');
    expect(kept.filter((h) => h.from === 'issued_at')).toHaveLength(20);
    await store.journal.open({ id: 'r2', action: 'erase', plan: {}, startedAt: at });
    await store.journal.finish('r2', 'completed', {}, at, { steps: [], holds: [{ ...holds[0]!, runId: 'r2', until: '2032-01-01' }] });
    expect(await store.holds.forRun('r2')).toEqual([{ ...holds[0]!, runId: 'r2', until: '2032-01-01' }]);
    expect(await store.holds.endingBy(new Date('2030-12-31'))).toHaveLength(38);
    await store.close();
  });

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
