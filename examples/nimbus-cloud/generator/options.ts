// The generator's options, their defaults, and the report and progress it hands back.
import { checkIdentifier } from '../../../src/connectors/index.js';
import { CustosError } from '../../../src/errors.js';
import { seedNumber } from './random.js';

/** `sqlite`: every dataset in the manifest's SQLite files. `all`: the manifest's `distributed` profile (PostgreSQL, MariaDB, Redis, SQLite). */
export const STORE_SELECTIONS = ['sqlite', 'all'] as const;
export type StoreSelection = (typeof STORE_SELECTIONS)[number];
export const DEFAULT_STORES: StoreSelection = 'sqlite';

/** The manifest profile `stores: 'all'` selects. */
export const DISTRIBUTED_PROFILE = 'distributed';
export const DEFAULT_SEED = 1;
/** The clock of generated data: fixed, so that a seed gives the same rows whatever the day. */
export const NIMBUS_NOW = new Date('2026-11-23T00:00:00Z');
/** From this many customers, two threads by default. */
export const THREADS_FROM = 20_000;
/** More than this is not a sample any more (and ids stay far from 32-bit limits). */
export const MAX_CUSTOMERS = 50_000_000;

export interface GenerationProgress {
  readonly phase: 'prepare' | 'rows' | 'indexes' | 'done';
  /** Customers written so far, of `totalCustomers`. */
  readonly customers: number;
  readonly totalCustomers: number;
  /** Rows written so far, all collections together. */
  readonly rows: number;
  /** During `indexes`: what is being built, e.g. `accounts: customers.email`. */
  readonly step?: string | undefined;
}

export interface GenerateNimbusOptions {
  /** How many customers (ids 1…customers); every other collection scales with it. */
  readonly customers: number;
  /** Same seed and customers, same data (default 1). */
  readonly seed?: number | string;
  /** Default `sqlite` (DEFAULT_STORES). */
  readonly stores?: StoreSelection;
  /** Where store URLs are read (default `process.env`): NIMBUS_ACCOUNTS_URL, NIMBUS_TELEMETRY_URL, NIMBUS_SESSIONS_URL. */
  readonly env?: NodeJS.ProcessEnv;
  /** Drop and recreate tables (or Redis keys) that already exist (default false: refuse with CustosError `conflict`). */
  readonly force?: boolean;
  /** Folder of the SQLite files (default: where the manifest puts them, examples/nimbus-cloud/data). */
  readonly dir?: string;
  /**
   * Folder the manifest's relative SQLite paths (`../data/accounts.db`) resolve against, as `compilePolicyFolder`'s
   * `baseDir`: `<x>/privacy` puts the files in `<x>/data`, where a model compiled with the same baseDir finds them
   * (default: the manifest folder). `dir`, when given, wins.
   */
  readonly baseDir?: string;
  /** Isolates a run on shared servers: PostgreSQL schema, MariaDB database and Redis key prefix (default: the manifest's). */
  readonly namespace?: string;
  /** The clock of the data (default NIMBUS_NOW). */
  readonly now?: Date;
  readonly onProgress?: (progress: GenerationProgress) => void;
  /** Write accounts and logs in two threads (default: from 20,000 customers, where starting a thread pays off). */
  readonly threads?: boolean;
  /** Aborts between chunks of customers (CustosError `aborted`); tables written so far stay as they are. */
  readonly signal?: AbortSignal;
}

export interface DatasetReport {
  readonly id: string;
  readonly kind: string;
  /** File path, or engine://host/database without credentials. */
  readonly location: string;
  readonly rows: number;
}

export interface GenerationReport {
  readonly customers: number;
  readonly seed: number | string;
  readonly stores: StoreSelection;
  readonly now: string;
  readonly datasets: readonly DatasetReport[];
  /** Rows per collection: `dataset.collection` → count. */
  readonly rows: Readonly<Record<string, number>>;
  readonly totalRows: number;
  readonly durationMs: number;
  /** Where the time went: creating tables, writing rows, building indexes and foreign keys. */
  readonly phases: { readonly prepareMs: number; readonly rowsMs: number; readonly indexesMs: number };
}

export interface GenerationConfig {
  readonly customers: number;
  readonly seed: number | string;
  readonly seedBits: number;
  readonly stores: StoreSelection;
  readonly env: NodeJS.ProcessEnv;
  readonly force: boolean;
  readonly dir?: string | undefined;
  readonly baseDir?: string | undefined;
  readonly namespace?: string | undefined;
  readonly now: Date;
  readonly onProgress: (progress: GenerationProgress) => void;
  readonly signal?: AbortSignal | undefined;
  readonly threads: boolean;
}

/** Checks the options once and fills in the defaults. */
export function resolveGenerateOptions(options: GenerateNimbusOptions): GenerationConfig {
  const { customers } = options;
  if (!Number.isSafeInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS) {
    throw new CustosError({
      code: 'invalid-input',
      message: `customers must be an integer from 1 to ${MAX_CUSTOMERS}`,
      details: { customers },
    });
  }
  const stores = options.stores ?? DEFAULT_STORES;
  if (!STORE_SELECTIONS.includes(stores)) {
    throw new CustosError({ code: 'invalid-input', message: `stores must be one of ${STORE_SELECTIONS.join(', ')}`, details: { stores } });
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? NIMBUS_NOW;
  if (Number.isNaN(now.getTime())) throw new CustosError({ code: 'invalid-input', message: 'now must be a valid date' });
  return Object.freeze({
    customers,
    seed,
    seedBits: seedNumber(seed),
    stores,
    env: options.env ?? process.env,
    force: options.force ?? false,
    dir: options.dir,
    baseDir: options.baseDir,
    namespace: options.namespace === undefined ? undefined : checkIdentifier(options.namespace, 'namespace'),
    now,
    onProgress: options.onProgress ?? (() => undefined),
    signal: options.signal,
    threads: options.threads ?? customers >= THREADS_FROM,
  });
}
