// Where a connector points: the dataset's store model with its URL and secret resolved from the environment.
import { CustosError } from '../errors.js';
import type { DatasetModel, StoreKind } from '../policy/index.js';

/** A store, resolved once: what an engine needs to connect. Holds secrets: never log it or put it in an error. */
export interface StoreTarget {
  readonly kind: StoreKind;
  /** How errors name the store: `dataset "crm"`, or the URL without credentials. */
  readonly label: string;
  /** Dataset id, when the target comes from the manifest. */
  readonly dataset?: string | undefined;
  readonly url?: string | undefined;
  /** Absolute SQLite file (or `:memory:`). */
  readonly file?: string | undefined;
  readonly schema?: string | undefined;
  /** HTTP signing secret. */
  readonly secret?: string | undefined;
  /** Name of the variable the secret came from, for messages. */
  readonly secretName?: string | undefined;
}

/** Resolves a dataset's store: inline URL or `{ env: NAME }`; a missing variable is CustosError('config') naming it. */
export function resolveStoreTarget(dataset: DatasetModel, env: NodeJS.ProcessEnv = process.env): StoreTarget {
  const { store } = dataset;
  const label = `dataset "${dataset.id}"`;
  const url = typeof store.url === 'object' ? readEnv(env, store.url.env, `${label} (store url)`) : store.url;
  const secret = store.secret ? readEnv(env, store.secret.env, `${label} (store secret)`) : undefined;
  return Object.freeze({
    kind: store.kind,
    label,
    dataset: dataset.id,
    url,
    file: store.file,
    schema: store.schema,
    secret,
    secretName: store.secret?.env,
  });
}

function readEnv(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new CustosError({ code: 'config', message: `${what}: environment variable ${name} is not set`, details: { variable: name } });
  }
  return value;
}

/** `host:port/path` of a URL, without user, password or query: safe to show. */
export function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparsable url)';
  }
}
