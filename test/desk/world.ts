// The desk's test world: nimbus-cloud generated small on SQLite, Custos's store and job queue in one file, a memory vault.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateNimbus, NIMBUS_MANIFEST, NIMBUS_NOW } from '../../examples/nimbus-cloud/generator/index.js';
import { nimbusSqliteStores, type NimbusStores } from '../../bench/baseline/nimbus.js';
import type { Clock } from '../../src/clock.js';
import { openDesk, deskJobs, signAssertion, type Desk, type DeskOptions } from '../../src/desk/index.js';
import { openSqliteJobQueue, type JobQueue } from '../../src/jobs/index.js';
import { compilePolicyFolder, type PolicyModel } from '../../src/policy/index.js';
import type { ProgressEvent } from '../../src/rights/index.js';
import { openSqliteStore, type OutboxMessage, type Store } from '../../src/store/index.js';
import { generateMasterKey, loadMasterKeys, openMemoryKeyRing, openVault, type Vault } from '../../src/vault/index.js';

export const APP_SECRET = 'a-test-app-secret-of-at-least-32-characters';
export const KEY = new Uint8Array(32).fill(7);

/** A clock the test moves. */
export function movableClock(start: Date): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

export interface DeskWorld {
  readonly dir: string;
  readonly model: PolicyModel;
  readonly data: NimbusStores;
  readonly store: Store;
  readonly jobs: JobQueue;
  readonly vault: Vault;
  readonly clock: ReturnType<typeof movableClock>;
  readonly desk: Desk;
  /** Runs the desk's jobs until stopped; `onProgress` sees the runs' steps. */
  work(onProgress?: (e: ProgressEvent) => void | Promise<void>): { stop(): void; controller: AbortController };
  /** The messages queued for a request, oldest first. */
  messages(requestId: string): Promise<OutboxMessage[]>;
  cleanup(): Promise<void>;
}

/** Custos's store and job queue for the world; default: both in one SQLite file in its folder. */
export type DeskBackend = (dir: string) => Promise<{ store: Store; jobs: JobQueue; dispose(): Promise<void> }>;

const sqliteBackend: DeskBackend = async (dir) => {
  const file = join(dir, 'custos.db');
  return {
    store: openSqliteStore(file),
    jobs: openSqliteJobQueue(file, { pollIntervalMs: 100, closeTimeoutMs: 5000 }),
    dispose: async () => undefined,
  };
};

export async function deskWorld(
  name: string,
  customers: number,
  options: Partial<DeskOptions> = {},
  backend: DeskBackend = sqliteBackend,
): Promise<DeskWorld> {
  const dir = resolve(`test/.tmp/desk-${name}-${process.pid}-${Date.now()}`);
  mkdirSync(join(dir, 'privacy'), { recursive: true });
  await generateNimbus({ customers, stores: 'sqlite', baseDir: join(dir, 'privacy'), force: true, threads: false });
  const model = compilePolicyFolder(NIMBUS_MANIFEST, { baseDir: join(dir, 'privacy') }).model as PolicyModel;
  const data = nimbusSqliteStores(join(dir, 'data'));
  const { store, jobs, dispose } = await backend(dir);
  const vault = openVault(openMemoryKeyRing(), loadMasterKeys({ CUSTOS_MASTER_KEY: generateMasterKey() }));
  const clock = movableClock(new Date(NIMBUS_NOW.getTime() + 9 * 3_600_000));
  const desk = openDesk({
    model,
    store,
    jobs,
    vault,
    clock,
    options: { pseudonymKey: KEY, appSecret: APP_SECRET, packagesDir: join(dir, 'packages'), runRetryDelaySeconds: 1, ...options },
  });
  const workers: AbortController[] = [];
  return {
    dir,
    model,
    data,
    store,
    jobs,
    vault,
    clock,
    desk,
    work(onProgress) {
      const controller = new AbortController();
      workers.push(controller);
      void deskJobs(desk, { signal: controller.signal, onProgress });
      return { stop: () => controller.abort(), controller };
    },
    async messages(requestId) {
      const rows = await store.outbox.queued(10_000);
      return rows.filter((m) => m.requestId === requestId);
    },
    async cleanup() {
      for (const w of workers) w.abort();
      await jobs.close();
      await vault.close();
      await store.close();
      await data.close();
      await dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export { signAssertion };
