// Which loader each dataset gets: its store kind in the selected profile, the URL from the environment, the test's overrides.
import { basename, join } from 'node:path';
import { resolveStoreTarget } from '../../../src/connectors/index.js';
import { CustosError } from '../../../src/errors.js';
import type { DatasetModel } from '../../../src/policy/index.js';
import type { GenerationConfig } from './options.js';
import type { TablePlan } from './schema.js';
import type { DatasetLoader } from './sinks/loader.js';
import { createMysqlLoader } from './sinks/mysql.js';
import { createPostgresLoader } from './sinks/postgres.js';
import { createRedisLoader } from './sinks/redis.js';
import { createSqliteLoader } from './sinks/sqlite.js';

/** engine://host:port/path, without user, password or query: safe to print. */
function safeLocation(url: string, suffix = ''): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}${suffix}`;
  } catch {
    return `(unparsable url)${suffix}`;
  }
}

function requireUrl(dataset: DatasetModel, config: GenerationConfig): string {
  const target = resolveStoreTarget(dataset, config.env);
  if (!target.url) throw new CustosError({ code: 'config', message: `dataset "${dataset.id}": a ${dataset.store.kind} store needs a url` });
  return target.url;
}

/** Opens the loader of `dataset` (nothing is written before `prepare`). */
export function openLoader(dataset: DatasetModel, tables: readonly TablePlan[], config: GenerationConfig): DatasetLoader {
  const options = { tables, force: config.force };
  const { store } = dataset;
  switch (store.kind) {
    case 'sqlite': {
      if (!store.file) throw new CustosError({ code: 'config', message: `dataset "${dataset.id}": a sqlite store needs a file` });
      return createSqliteLoader(config.dir ? join(config.dir, basename(store.file)) : store.file, options);
    }
    case 'postgres': {
      const url = requireUrl(dataset, config);
      const schema = config.namespace ?? store.schema;
      return createPostgresLoader({ url, schema, label: safeLocation(url, schema ? `#${schema}` : '') }, options);
    }
    case 'mysql': {
      const url = requireUrl(dataset, config);
      const database = config.namespace ?? store.schema;
      return createMysqlLoader({ url, database, label: safeLocation(url, database ? `#${database}` : '') }, options);
    }
    case 'redis': {
      const url = requireUrl(dataset, config);
      const prefix = config.namespace ? `${config.namespace}:` : '';
      return createRedisLoader({ url, prefix, label: safeLocation(url, prefix ? `#${prefix}*` : '') }, options);
    }
    case 'http':
      throw new CustosError({ code: 'config', message: `dataset "${dataset.id}": the sample generator cannot load an http store` });
    default:
      return store.kind satisfies never;
  }
}
