// startService's options, resolved once into a frozen config: defaults written here, every bad value refused by name.
import { dirname, join, resolve } from 'node:path';
import { systemClock, type Clock } from '../clock.js';
import type { DeskOptions, RunOptions } from '../desk/index.js';
import { CustosError } from '../errors.js';
import type { Diagnostic, PolicyModel } from '../policy/index.js';
import type { LogLevel } from '../server/index.js';
import { custosDataOverrides, sweepSchedule, type CustosDataKind, type SweepSchedule } from '../retention/index.js';
import { DEFAULT_STORE_FILE } from '../store/index.js';
import type { DestinationStream } from 'pino';

export interface ServiceOptions {
  /** The manifest folder. Default `./privacy`. Ignored when `model` is given. */
  readonly dir?: string;
  /** A model already compiled (the command line compiles it to print the diagnostics). Default: compiled from `dir`. */
  readonly model?: PolicyModel;
  /** The diagnostics `model` was compiled with (warnings, notes): the console's documents page lists them. */
  readonly diagnostics?: readonly Diagnostic[];
  /** Store profile of the manifest. Default `CUSTOS_PROFILE`. */
  readonly profile?: string;
  /**
   * Custos's store, its job queue and its key ring: a SQLite file (or `sqlite:PATH`) or `postgres://…` (`?schema=NAME`,
   * default `custos`; jobs in `<schema>_jobs`). Default `CUSTOS_STORE`, else `.custos/custos.db` — what `custos users`
   * and `custos keys` use.
   */
  readonly store?: string;
  /** Default 3000; 0 picks a free port (the service's `url` says which). */
  readonly port?: number;
  /** Default `127.0.0.1`: the API is not exposed until a host (`0.0.0.0`) says so. */
  readonly host?: string;
  /** OpenAPI and /api/docs. Default true. */
  readonly docs?: boolean;
  /** Requests run at once by this process (`request.run` concurrency). Default 2. */
  readonly workers?: number;
  /** Master key, SMTP, app secret, pseudonym key and profile are read here. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: JSON lines on stdout at `info` (the server's redacted pino). */
  readonly logger?: { readonly stream?: DestinationStream; readonly level?: LogLevel };
  /** How often expired packages and staff sessions are purged, in ms. Default 300000 (5 minutes). */
  readonly housekeepingMs?: number;
  /** How often the outbox is sent over SMTP, in ms (only with SMTP configured). Default 15000. */
  readonly mailEveryMs?: number;
  /** The job queue's polling, and how long a job may run before it is taken for dead (its process killed). */
  readonly queue?: { readonly pollIntervalMs?: number; readonly expireInSeconds?: number; readonly closeTimeoutMs?: number };
  /** The desk's options (the pseudonym key comes from `env`). Default `privacyCenterUrl`: the server's own address. */
  readonly desk?: Omit<DeskOptions, 'pseudonymKey'>;
  /** Trust X-Forwarded-For from a proxy in front (and Secure cookies). Default false. */
  readonly trustProxy?: boolean;
  /**
   * Retention sweeps as jobs: `every` (default `CUSTOS_RETENTION_EVERY`, else `24h`; `30m`, `6h`, `7d` or `off`) counted
   * from `hour` o'clock UTC (default `CUSTOS_RETENTION_HOUR`, else 3); the periods of Custos's own records (ISO 8601;
   * default `CUSTOS_RETENTION_REQUESTS`, `…_MESSAGES`, `…_JOURNALS`, else the manifest's rule for request records, else
   * P1Y); `checkMs`, how often the due slot is looked at (default 60000).
   */
  readonly retention?: {
    readonly every?: string;
    readonly hour?: number;
    readonly periods?: Partial<Record<CustosDataKind, string>>;
    readonly checkMs?: number;
  };
  /** Sees each run's steps (metrics; tests stop a run at a step). */
  readonly onProgress?: RunOptions['onProgress'];
}

/** Where Custos keeps its state: one SQLite file, or one PostgreSQL database with a schema for the store and one for jobs. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string; readonly jobsSchema: string };

export interface ServiceConfig {
  readonly dir: string;
  readonly profile: string | undefined;
  readonly store: StoreLocation;
  /** Private folder of packages waiting for download: beside the SQLite file, else `.custos/packages`. */
  readonly packagesDir: string;
  readonly port: number;
  readonly host: string;
  readonly docs: boolean;
  readonly workers: number;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  readonly housekeepingMs: number;
  readonly mailEveryMs: number;
  readonly retention: {
    readonly schedule: SweepSchedule;
    readonly periods: Readonly<Partial<Record<CustosDataKind, string>>>;
    readonly checkMs: number;
  };
}

const PLAIN = /^[a-z_][a-z0-9_]{0,50}$/;

function whole(option: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  throw new CustosError({
    code: 'config',
    message: `service option ${option} must be a whole number from ${min} to ${max}`,
    details: { option },
  });
}

/** A store location as `openStore` reads it, with the PostgreSQL schema taken out of the URL (pg-boss would choke on it). */
export function storeLocation(text: string): StoreLocation {
  if (!/^postgres(ql)?:\/\//.test(text))
    return { kind: 'sqlite', file: text === ':memory:' ? text : resolve(text.replace(/^sqlite:/, '')) };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CustosError({
      code: 'config',
      message: 'the store is not a URL: use postgres://user@host:5432/database (--store or CUSTOS_STORE)',
      details: { option: 'store' },
    });
  }
  const schema = url.searchParams.get('schema') ?? 'custos';
  url.searchParams.delete('schema');
  if (!PLAIN.test(schema))
    throw new CustosError({
      code: 'config',
      message: `store schema ${JSON.stringify(schema.slice(0, 64))} must be a lower-case identifier (letters, digits, _; at most 51)`,
      details: { option: 'store' },
    });
  return { kind: 'postgres', url: url.toString(), schema, jobsSchema: `${schema}_jobs` };
}

export function resolveServiceOptions(options: ServiceOptions): ServiceConfig {
  const env = options.env ?? process.env;
  const store = storeLocation(options.store ?? env['CUSTOS_STORE'] ?? DEFAULT_STORE_FILE);
  const host = options.host ?? '127.0.0.1';
  if (host.trim() === '' || /\s/.test(host))
    throw new CustosError({
      code: 'config',
      message: 'service option host must be an address or a name, e.g. 0.0.0.0',
      details: { option: 'host' },
    });
  return Object.freeze({
    dir: options.dir ?? './privacy',
    profile: options.profile ?? env['CUSTOS_PROFILE'],
    store,
    packagesDir: resolve(
      options.desk?.packagesDir ??
        (store.kind === 'sqlite' && store.file !== ':memory:' ? join(dirname(store.file), 'packages') : '.custos/packages'),
    ),
    port: whole('port', options.port, 3000, 0, 65_535),
    host,
    docs: options.docs ?? true,
    workers: whole('workers', options.workers, 2, 1, 64),
    env,
    clock: options.clock ?? systemClock,
    housekeepingMs: whole('housekeepingMs', options.housekeepingMs, 300_000, 1000, 86_400_000),
    mailEveryMs: whole('mailEveryMs', options.mailEveryMs, 15_000, 100, 86_400_000),
    retention: Object.freeze({
      schedule: sweepSchedule(
        options.retention?.every ?? env['CUSTOS_RETENTION_EVERY'],
        options.retention?.hour ?? env['CUSTOS_RETENTION_HOUR'],
      ),
      periods: Object.freeze(custosDataOverrides(env, options.retention?.periods)),
      checkMs: whole('retention.checkMs', options.retention?.checkMs, 60_000, 100, 86_400_000),
    }),
  });
}
