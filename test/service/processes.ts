// Service processes for the crash tests: `custos serve` or serve-child.ts spawned as a user's shell would, their output
// watched for a line, killed by signal, and their exit awaited.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateNimbus } from '../../examples/nimbus-cloud/generator/index.js';
import { generateMasterKey } from '../../src/vault/index.js';

const BIN = fileURLToPath(new URL('../../bin/custos.js', import.meta.url));
const CHILD = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
const NIMBUS_YAML = fileURLToPath(new URL('../../examples/nimbus-cloud/privacy/', import.meta.url));

export interface ServiceProcess {
  readonly child: ChildProcess;
  output(): string;
  errors(): string;
  /** Resolves with the first line holding `text`; rejects if the process exits first or `ms` pass. */
  waitFor(text: string, ms?: number): Promise<string>;
  /** The exit code, or the signal that ended it. */
  readonly exit: Promise<number | NodeJS.Signals | null>;
}

/**
 * The environment a service runs with: the test's own CUSTOS_* settings removed, a master key and a pseudonym key set,
 * and retention sweeps off (a suite about requests does not want the sample's expired rows swept under it; the sweep
 * suites turn them on).
 */
export function serviceEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CUSTOS_')));
  return { ...clean, CUSTOS_MASTER_KEY: MASTER_KEY, CUSTOS_PSEUDONYM_KEY: '07'.repeat(32), CUSTOS_RETENTION_EVERY: 'off', ...extra };
}
const MASTER_KEY = generateMasterKey();

function watch(child: ChildProcess): ServiceProcess {
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve(line: string): void }[] = [];
  const exit = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const w of [...waiters]) {
      const line = stdout.split('\n').find((l) => l.includes(w.text));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return {
    child,
    output: () => stdout,
    errors: () => stderr,
    exit,
    waitFor(text, ms = 60_000) {
      const found = stdout.split('\n').find((l) => l.includes(text));
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" within ${ms} ms; stderr: ${stderr}`)), ms);
        waiters.push({ text, resolve: (line) => (clearTimeout(timer), resolve(line)) });
        void exit.then((how) => {
          clearTimeout(timer);
          reject(new Error(`the service exited (${String(how)}) before "${text}"; stderr: ${stderr}`));
        });
      });
    },
  };
}

/** `custos serve args…` in `cwd`. */
export function spawnCustos(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): ServiceProcess {
  return watch(spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** serve-child.ts on a manifest folder and a store, stopping at `stopAt` (`first-commit`) or never. */
export function spawnServiceChild(manifestDir: string, store: string, env: NodeJS.ProcessEnv, stopAt = 'never'): ServiceProcess {
  return watch(
    spawn(process.execPath, ['--import', 'tsx', CHILD, manifestDir, store, stopAt], {
      cwd: join(manifestDir, '..'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** nimbus-cloud's manifest copied to `<dir>/privacy` and its data generated small in `<dir>/data` (SQLite). */
export async function nimbusCopy(dir: string, customers: number): Promise<string> {
  const privacy = join(dir, 'privacy');
  mkdirSync(privacy, { recursive: true });
  for (const file of readdirSync(NIMBUS_YAML)) if (file.endsWith('.yaml')) copyFileSync(join(NIMBUS_YAML, file), join(privacy, file));
  await generateNimbus({ customers, stores: 'sqlite', baseDir: privacy, force: true, threads: false });
  return privacy;
}
