// The erasure baseline that journals (bench/baseline/journal.ts): it erases exactly what the plain hand-written erasure
// erases, and leaves the journal a resumable erasure needs: what it found first, each store attempted then done, the end.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNimbus, nimbusCustomer, nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { sqliteErasureJournal } from '../../bench/baseline/journal.js';
import { handWrittenErase, nimbusSqliteStores } from '../../bench/baseline/nimbus.js';
import { dump } from '../rights/context.js';

const CUSTOMERS = 30;
const KEY = new Uint8Array(32).fill(3);
const dir = resolve(`test/.tmp/bench-journal-${process.pid}-${Date.now()}`);
const [plainData, journaledData] = [join(dir, 'plain'), join(dir, 'journaled')];

/** Every table of every SQLite file of a nimbus data folder. */
const dumpAll = (dataDir: string) =>
  Object.fromEntries(
    readdirSync(dataDir)
      .filter((name) => name.endsWith('.db'))
      .map((name) => [name, dump(new Database(join(dataDir, name), { readonly: true }))]),
  );

beforeAll(async () => {
  mkdirSync(join(dir, 'privacy'), { recursive: true });
  await generateNimbus({ customers: CUSTOMERS, stores: 'sqlite', baseDir: join(dir, 'privacy'), force: true, threads: false });
  cpSync(join(dir, 'data'), plainData, { recursive: true });
  cpSync(join(dir, 'data'), journaledData, { recursive: true });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the erasure baseline that journals', () => {
  it('erases what the plain baseline erases, and journals the run as a resumable erasure must', async () => {
    let id = 2;
    while (nimbusCustomer(id).closure !== 'free') id++;
    const email = nimbusEmail(id);
    const before = dumpAll(plainData);
    const storeFile = join(dir, 'custos.db');
    const journalFile = sqliteErasureJournal(storeFile);
    const [plain, journaled] = [nimbusSqliteStores(plainData), nimbusSqliteStores(journaledData)];
    try {
      await handWrittenErase(plain, email, KEY);
      await handWrittenErase(journaled, email, KEY, journalFile.forRun('hand-1'));
    } finally {
      await Promise.all([plain.close(), journaled.close(), journalFile.close()]);
    }
    const after = dumpAll(plainData);
    expect(after).not.toEqual(before);
    expect(JSON.stringify(after)).not.toContain(email);
    expect(dumpAll(journaledData)).toEqual(after);

    const db = new Database(storeFile, { readonly: true });
    try {
      expect(db.prepare('SELECT id, status, found FROM bench_erasure_runs').all()).toEqual([
        { id: 'hand-1', status: 'completed', found: null },
      ]);
      const log = db.prepare<[], { kind: string; body: string }>('SELECT kind, body FROM bench_erasure_log ORDER BY id').all();
      expect(log.map((l) => `${l.kind} ${(JSON.parse(l.body) as { store: string }).store}`)).toEqual(
        ['accounts', 'recruitment', 'sessions', 'telemetry'].flatMap((store) => [`attempt ${store}`, `done ${store}`]),
      );
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  }, 60_000);

  it('leaves a run that failed between two stores with what it found and the stores it attempted', async () => {
    let id = 2;
    while (nimbusCustomer(id).closure !== 'free' || id === 2) id++;
    const storeFile = join(dir, 'failing.db');
    const journalFile = sqliteErasureJournal(storeFile);
    const journal = journalFile.forRun('hand-2');
    const stores = nimbusSqliteStores(journaledData);
    const recruitmentBefore = dump(new Database(join(journaledData, 'recruitment.db'), { readonly: true }));
    try {
      const failing = {
        ...journal,
        attempt: async (store: string) => {
          if (store === 'recruitment') throw new Error('killed before recruitment commits');
          await journal.attempt(store);
        },
      };
      await expect(handWrittenErase(stores, nimbusEmail(id), KEY, failing)).rejects.toThrow('killed before recruitment commits');
    } finally {
      await Promise.all([stores.close(), journalFile.close()]);
    }
    expect(dump(new Database(join(journaledData, 'recruitment.db'), { readonly: true }))).toEqual(recruitmentBefore);
    const db = new Database(storeFile, { readonly: true });
    try {
      const run = db.prepare<[], { status: string; found: string }>('SELECT status, found FROM bench_erasure_runs').get();
      expect(run?.status).toBe('running');
      expect(Object.keys(JSON.parse(run!.found) as object)).toEqual(['C', 'S', 'O', 'I', 'T', 'R', 'V', 'A']);
      expect((JSON.parse(run!.found) as { C: number[] }).C).toEqual([id]);
      expect(db.prepare('SELECT kind, body FROM bench_erasure_log').all()).toEqual([{ kind: 'attempt', body: '{"store":"accounts"}' }]);
    } finally {
      db.close();
    }
  }, 60_000);
});
