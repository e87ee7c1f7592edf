// Private PostgreSQL, MariaDB and Redis servers for the fault suites: started from this machine's binaries on a free port,
// killed with SIGKILL at a chosen instant (synchronously, so the next command meets a dead server), and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';

export type ServerKind = 'postgres' | 'mysql' | 'redis';

/** Debian's PostgreSQL binaries, of the newest version installed (15 on this machine's image). */
const POSTGRES_BIN = postgresBin('/usr/lib/postgresql');

function postgresBin(root: string): string {
  let versions: string[] = [];
  try {
    versions = readdirSync(root).filter((v) => /^\d+$/.test(v));
  } catch {
    // No PostgreSQL installed: the suite skips and says why.
  }
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0] ?? '15';
  return join(root, newest, 'bin');
}
const BINARIES: Readonly<Record<ServerKind, readonly string[]>> = {
  postgres: [join(POSTGRES_BIN, 'initdb'), join(POSTGRES_BIN, 'postgres')],
  mysql: ['mariadb-install-db', 'mariadbd'],
  redis: ['redis-server'],
};

export interface PrivateServer {
  readonly kind: ServerKind;
  readonly url: string;
  /** False once `killNow` ran, until `restart`. */
  readonly running: boolean;
  /** The server's root process (for `killProcessTree` from another process). */
  readonly pid: number | undefined;
  /** SIGKILLs the server and every process it started; returns once none is alive (their sockets are closed). */
  killNow(): void;
  /** Starts the server again on the same port and data (after `killNow`), and waits until it answers. */
  restart(): Promise<void>;
  /** Kills the server if it runs and removes its data. */
  dispose(): Promise<void>;
}

/** Why a fault suite cannot run here (a binary is missing), or undefined when it can. */
export function missingBinaries(kind: ServerKind): string | undefined {
  const missing = BINARIES[kind].filter((name) => findBinary(name) === undefined);
  return missing.length > 0 ? `${kind} fault suite skipped: ${missing.join(', ')} not found on this machine` : undefined;
}

/** Creates a data folder, starts the server and waits until it answers. */
export async function startPrivateServer(kind: ServerKind): Promise<PrivateServer> {
  const dir = mkdtempSync(join(tmpdir(), `custos-faults-${kind}-`));
  const port = await freePort();
  const launch = await prepare(kind, dir, port);
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    const log = openSync(join(dir, 'server.log'), 'a');
    child = spawn(launch.command, launch.args, { stdio: ['ignore', log, log], ...launch.spawn });
    closeSync(log);
    const running = child;
    exited = new Promise((resolve) => running.once('exit', () => resolve()));
    await waitUntilReady(kind, launch.url, running, dir);
  };
  await start();
  const server: PrivateServer = {
    kind,
    url: launch.url,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null && isAlive(child.pid ?? 0);
    },
    killNow() {
      if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) killProcessTree(child.pid);
    },
    async restart() {
      server.killNow();
      await exited;
      await start();
    },
    async dispose() {
      server.killNow();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly url: string;
  readonly spawn?: { uid: number; gid: number } | undefined;
}

/** Initialises the data folder (PostgreSQL, MariaDB) and says how to start the server on it. */
async function prepare(kind: ServerKind, dir: string, port: number): Promise<Launch> {
  switch (kind) {
    case 'postgres': {
      // PostgreSQL refuses to run as root: under root its folder belongs to the postgres user, who starts it.
      const user = process.getuid?.() === 0 ? postgresUser() : undefined;
      if (user) chownSync(dir, user.uid, user.gid);
      const data = join(dir, 'data');
      await run(join(POSTGRES_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], user);
      // fsync off is safe here: the faults are killed processes, not lost power; commits still reach the OS.
      const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'full_page_writes=off', 'shared_buffers=16MB', 'max_connections=30'];
      const args = ['-D', data, '-p', String(port), '-k', dir, ...settings.flatMap((s) => ['-c', s])];
      return { command: join(POSTGRES_BIN, 'postgres'), args, url: `postgres://postgres@127.0.0.1:${port}/postgres`, spawn: user };
    }
    case 'mysql': {
      const data = join(dir, 'data');
      const base = ['--no-defaults', `--datadir=${data}`, '--user=root'];
      await run('mariadb-install-db', [...base, '--skip-test-db', '--auth-root-authentication-method=normal']);
      const args = [
        ...base,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(dir, 'sock')}`,
        `--pid-file=${join(dir, 'pid')}`,
        '--skip-grant-tables',
        // Commits reach the OS at once (survive a killed server) without an fsync each.
        '--innodb-flush-log-at-trx-commit=2',
        '--innodb-buffer-pool-size=32M',
      ];
      return { command: findBinary('mariadbd')!, args, url: `mysql://root@127.0.0.1:${port}/faults` };
    }
    case 'redis': {
      // An append-only file written at every command, so the data outlives the kill and the restart finds it.
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'];
      return { command: findBinary('redis-server')!, args: [...args, '--appendfsync', 'always'], url: `redis://127.0.0.1:${port}/0` };
    }
    default:
      return kind satisfies never;
  }
}

/** Polls until the server answers a query (PostgreSQL also after crash recovery); creates MariaDB's database. */
async function waitUntilReady(kind: ServerKind, url: string, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ${kind} server exited at start: see ${join(dir, 'server.log')}`);
    try {
      await probe(kind, url);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the ${kind} server did not answer within 20 s: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function probe(kind: ServerKind, url: string): Promise<void> {
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  } else if (kind === 'mysql') {
    const server = new URL(url);
    const connection = await mysql.createConnection({
      host: server.hostname,
      port: Number(server.port),
      user: 'root',
      connectTimeout: 1000,
    });
    try {
      await connection.query('create database if not exists faults');
    } finally {
      await connection.end().catch(() => undefined);
    }
  } else {
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      // LOADING (the append-only file being read) answers PING with an error: not ready yet.
      await client.ping();
    } finally {
      client.disconnect();
    }
  }
}

/** Stops the root (so it starts nothing more), SIGKILLs it and its descendants, and waits until none is alive. */
export function killProcessTree(root: number): void {
  signal(root, 'SIGSTOP');
  const pids = [...descendants(root), root];
  for (const pid of pids) signal(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) throw new Error(`server process ${root} did not die`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Every process below `root`, from /proc (PostgreSQL's backends run in process groups of their own). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(Number(entry));
    children.set(stat.ppid, list);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Alive: not gone and not a zombie (a zombie has closed its sockets; only its exit status remains). */
function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

function readStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '', ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

function findBinary(name: string): string | undefined {
  const candidates = name.includes('/')
    ? [name]
    : [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'].map((d) => join(d, name));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('no postgres user on this machine to run PostgreSQL as');
  return { uid: Number(uid), gid: Number(gid) };
}

function run(command: string, args: readonly string[], user?: { uid: number; gid: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(findBinary(command) ?? command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...user });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr.slice(-500)}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
