// Where a SQLite connector points: the model's absolute file, or a `sqlite:`/`file:` URL resolved against a base folder.
import { isAbsolute, resolve } from 'node:path';
import { CustosError } from '../../errors.js';
import type { StoreTarget } from '../target.js';

export interface SqliteConfig {
  readonly file: string;
  /** Milliseconds to wait for a lock held by another process (better-sqlite3 `timeout`). */
  readonly busyTimeoutMs: number;
}

/** Resolves the file once; a target with neither `file` nor URL is CustosError('config'). */
export function sqliteConfig(target: StoreTarget): SqliteConfig {
  const file = target.file ?? (target.url === undefined ? undefined : sqliteFileOfUrl(target.url));
  if (!file) throw new CustosError({ code: 'config', message: `${target.label}: a sqlite store needs a file` });
  return Object.freeze({ file, busyTimeoutMs: 5000 });
}

/**
 * The file of `sqlite:path`, `sqlite:///abs/path`, `file:path`, `file:///abs/path`, `sqlite::memory:` or a bare path;
 * relative paths resolve against `baseDir` (default: the working directory, for the CLI).
 */
export function sqliteFileOfUrl(url: string, baseDir: string = process.cwd()): string {
  const bare = url.replace(/^(sqlite|file):/i, '').replace(/[?#].*$/, '');
  if (bare === ':memory:') return bare;
  const path = decodeURIComponent(bare.startsWith('//') ? bare.slice(2) : bare);
  if (path === '') throw new CustosError({ code: 'config', message: 'the sqlite URL names no file' });
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
