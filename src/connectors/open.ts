// Opens the connector of a dataset (or of a raw URL) through a registry of engines keyed by store kind.
import { CustosError } from '../errors.js';
import type { DatasetModel, StoreKind } from '../policy/index.js';
import type { Connector } from './connector.js';
import type { ConnectorEngine, EngineOptions } from './engine.js';
import { describeEndpoint, resolveStoreTarget, type StoreTarget } from './target.js';

/** Engines load on first use, so a deployment without Redis never loads ioredis. */
const ENGINES = {
  sqlite: async () => (await import('./sqlite/index.js')).sqliteEngine,
  postgres: async () => (await import('./postgres/index.js')).postgresEngine,
  mysql: async () => (await import('./mysql/index.js')).mysqlEngine,
  redis: async () => (await import('./redis/index.js')).redisEngine,
  http: async () => (await import('./http/index.js')).httpEngine,
} as const satisfies Record<StoreKind, () => Promise<ConnectorEngine>>;

/** URL schemes `connectUrl` understands. */
const SCHEMES: Readonly<Record<string, StoreKind>> = {
  'sqlite:': 'sqlite',
  'file:': 'sqlite',
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
  'redis:': 'redis',
  'rediss:': 'redis',
  'http:': 'http',
  'https:': 'http',
};

export interface OpenConnectorOptions {
  /** Where `{ env: NAME }` URLs and secrets are read (default: `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Clock in milliseconds, for HTTP signatures (default: `Date.now`). */
  readonly now?: () => number;
  /** Ping the store before returning, so a down server fails here (default: true). */
  readonly verify?: boolean;
}

/**
 * Opens the connector of a dataset's store. A missing environment variable is CustosError('config') naming it; a store that
 * does not answer is CustosError('store-unavailable') naming the dataset, never the password.
 */
export async function openConnector(dataset: DatasetModel, options: OpenConnectorOptions = {}): Promise<Connector> {
  return openTarget(resolveStoreTarget(dataset, options.env ?? process.env), options);
}

/** The store kind a URL's scheme names, or undefined (a bare path is SQLite). */
export function storeKindOfUrl(url: string): StoreKind | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0]?.toLowerCase();
  if (scheme === undefined || scheme.length === 2) return 'sqlite'; // no scheme, or a Windows drive letter
  return SCHEMES[scheme];
}

/**
 * Opens a connector from a raw URL, for introspection (`custos generate dataset --url`): `sqlite:path`, `file:path` or a bare
 * path, `postgres://`, `mysql://`, `mariadb://`, `redis://`, `http(s)://`. `kind` undefined: taken from the scheme.
 * Relative SQLite paths resolve against `baseDir` (default: the working directory).
 */
export async function connectUrl(
  kind: StoreKind | undefined,
  url: string,
  options: OpenConnectorOptions & { readonly baseDir?: string; readonly schema?: string } = {},
): Promise<Connector> {
  const schemeKind = storeKindOfUrl(url);
  const resolved = kind ?? schemeKind;
  if (resolved === undefined || (schemeKind !== undefined && schemeKind !== resolved)) {
    throw new CustosError({
      code: 'config',
      message: `cannot open ${describeUrl(url)} as ${kind ?? 'a store'}: use sqlite:, postgres://, mysql://, mariadb://, redis:// or http(s)://`,
    });
  }
  const file = resolved === 'sqlite' ? (await import('./sqlite/index.js')).sqliteFileOfUrl(url, options.baseDir) : undefined;
  const target: StoreTarget = Object.freeze({
    kind: resolved,
    label: file ?? describeUrl(url),
    url: resolved === 'sqlite' ? undefined : url,
    file,
    schema: options.schema,
  });
  return openTarget(target, options);
}

async function openTarget(target: StoreTarget, options: OpenConnectorOptions): Promise<Connector> {
  const engine = await ENGINES[target.kind]();
  const engineOptions: EngineOptions = { now: options.now ?? Date.now };
  const connector = await engine.open(target, engineOptions);
  if (options.verify ?? true) {
    try {
      await connector.ping();
    } catch (error) {
      await connector.close();
      throw error;
    }
  }
  return connector;
}

function describeUrl(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? `${url.slice(0, url.indexOf(':'))}://${describeEndpoint(url)}` : 'the url';
}
