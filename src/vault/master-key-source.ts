// Where the master keys come from: the environment or an owner-only file, never Custos's store.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CustosError } from '../errors.js';
import { generateMasterKey, masterKeyFromText, type MasterKey } from './master-key.js';

/** The master that wraps new and re-wrapped data keys, and the others still accepted to unwrap (during a rotation). */
export interface MasterKeys {
  readonly master: MasterKey;
  readonly accepted: readonly MasterKey[];
}

/**
 * The master key from CUSTOS_MASTER_KEY (base64 or hex of 32 bytes) or CUSTOS_MASTER_KEY_FILE (a file of mode 0600),
 * and the key still accepted during a rotation from CUSTOS_MASTER_KEY_PREVIOUS or CUSTOS_MASTER_KEY_PREVIOUS_FILE
 * (optional). Every problem is a `config` error naming the variable or file, never the key.
 */
export function loadMasterKeys(env: NodeJS.ProcessEnv = process.env): MasterKeys {
  const master = masterKeyFromEnv(env, 'CUSTOS_MASTER_KEY');
  if (master === undefined)
    throw new CustosError({
      code: 'config',
      message:
        'no master key: set CUSTOS_MASTER_KEY (base64 or hexadecimal of 32 bytes, e.g. from `openssl rand -base64 32`) or CUSTOS_MASTER_KEY_FILE (a file of mode 0600 holding one); Custos never keeps it in its store',
    });
  const previous = masterKeyFromEnv(env, 'CUSTOS_MASTER_KEY_PREVIOUS');
  return Object.freeze({ master, accepted: Object.freeze(previous === undefined || previous.id === master.id ? [] : [previous]) });
}

function masterKeyFromEnv(env: NodeJS.ProcessEnv, name: string): MasterKey | undefined {
  const text = env[name];
  const file = env[`${name}_FILE`];
  if (text !== undefined && file !== undefined)
    throw new CustosError({ code: 'config', message: `both ${name} and ${name}_FILE are set: keep one` });
  if (text !== undefined) return masterKeyFromText(text, name);
  if (file !== undefined) return readMasterKeyFile(file, `${name}_FILE (${file})`);
  return undefined;
}

/** Reads a master key file, refusing one that others than its owner may read or write (on POSIX systems). */
export function readMasterKeyFile(file: string, where = file): MasterKey {
  let mode: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CustosError({ code: 'config', message: `${where} is not a regular file` });
    mode = stat.mode & 0o777;
  } catch (error) {
    if (error instanceof CustosError) throw error;
    throw new CustosError({ code: 'config', message: `${where} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` });
  }
  // Windows has no POSIX modes (stat reports 0666 for any writable file): there, the folder's ACL is the guard.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new CustosError({
      code: 'config',
      message: `${where} is open to other users (mode 0${mode.toString(8)}): a master key file must be readable by its owner only; run \`chmod 600 ${file}\``,
      details: { mode: `0${mode.toString(8)}` },
    });
  return masterKeyFromText(readFileSync(file, 'utf8'), where);
}

/**
 * Writes a new master key to `file` (mode 0600, its folder created 0700) and returns it, for `custos vault init`-style
 * commands. An existing file is never overwritten: data keys wrapped by it would be lost; rotate instead.
 */
export function writeMasterKeyFile(file: string): MasterKey {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const text = generateMasterKey();
  try {
    writeFileSync(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CustosError({
      code: 'config',
      message:
        code === 'EEXIST'
          ? `${file} already exists: a master key file is never overwritten (the data keys it wraps would be lost); to replace the key, rotate the master`
          : `${file} cannot be written: ${code ?? 'error'}`,
    });
  }
  return masterKeyFromText(text, file);
}
