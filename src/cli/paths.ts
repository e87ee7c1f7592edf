// What the CLI checks before it writes a file: request ids that become file names, and `-o` destinations.
import { chmodSync, mkdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CustosError } from '../errors.js';

/** Longest request id: ids name runs in the journal and default package files (`access-<id>.zip`). */
export const MAX_REQUEST_ID_LENGTH = 128;
const REQUEST_ID = new RegExp(`^[A-Za-z0-9_-][A-Za-z0-9._-]{0,${MAX_REQUEST_ID_LENGTH - 1}}$`);

/** A request id given with --request-id: letters, digits, `-`, `_`, `.`, no leading dot, at most 128 characters. */
export function checkRequestId(id: string): string {
  if (REQUEST_ID.test(id)) return id;
  throw new CustosError({
    code: 'invalid-input',
    message: `--request-id must be 1 to ${MAX_REQUEST_ID_LENGTH} letters, digits, "-", "_" or ".", not starting with "." (e.g. req-2026-11-23-ada)`,
  });
}

export interface OutputFileOptions {
  /** The flag that named the file, for errors (default `-o`). */
  readonly option?: string;
  /** Create a missing parent folder (default false: a missing folder is an error). Documents do; personal data does not. */
  readonly createFolder?: boolean;
}

/**
 * Checks a file the CLI is about to write and returns its absolute path: it must not be a folder, may replace only a
 * regular file (never a device, pipe or socket), and its folder must exist unless `createFolder`.
 */
export function prepareOutputFile(path: string, options: OutputFileOptions = {}): string {
  const option = options.option ?? '-o';
  const file = resolve(path);
  const refuse = (message: string): never => {
    throw new CustosError({ code: 'invalid-input', message: `${option} ${path}: ${message}`, details: { option } });
  };
  const existing = statIfAny(file);
  if (existing?.isDirectory()) return refuse('is a folder; name a file in it');
  if (existing && !existing.isFile())
    return refuse('exists and is not a regular file (a device, pipe or socket); Custos replaces only regular files');
  const folder = dirname(file);
  const parent = statIfAny(folder);
  if (parent === undefined && options.createFolder) mkdirSync(folder, { recursive: true });
  else if (parent === undefined) return refuse(`its folder ${dirname(path)} does not exist; create it first`);
  else if (!parent.isDirectory()) return refuse(`${dirname(path)} is not a folder`);
  return file;
}

/** The entry at `path`, or undefined when there is none (also when a part of the path is a file, ENOTDIR). */
function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Writes a file readable by its owner only (0600), also when it replaces an existing one: it holds personal data. */
export function writePrivateFile(file: string, text: string): void {
  // Narrowed before the content arrives, when the file exists; a new file is created 0600.
  if (statSync(file, { throwIfNoEntry: false })) chmodSync(file, 0o600);
  writeFileSync(file, text, { mode: 0o600 });
}
