// Where the master keys come from: the environment or an owner-only file; clear refusals naming the variable or file.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { masterKeyFromText } from './master-key.js';
import { loadMasterKeys, readMasterKeyFile, writeMasterKeyFile } from './master-key-source.js';

const A = Buffer.from('8f1c2a9b3e4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829304a5b6c7d8', 'hex').toString('base64');
const B = Buffer.from('1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809', 'hex').toString('base64');
const idOf = (text: string) => masterKeyFromText(text, 'K').id;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'custos-master-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function keyFile(text: string, mode: number): string {
  const file = join(dir, 'master.key');
  writeFileSync(file, `${text}\n`, { mode });
  chmodSync(file, mode);
  return file;
}

describe('loadMasterKeys', () => {
  it('reads CUSTOS_MASTER_KEY, and the key still accepted during a rotation from CUSTOS_MASTER_KEY_PREVIOUS', () => {
    const keys = loadMasterKeys({ CUSTOS_MASTER_KEY: A, CUSTOS_MASTER_KEY_PREVIOUS: B });
    expect(keys.master.id).toBe(idOf(A));
    expect(keys.accepted.map((k) => k.id)).toEqual([idOf(B)]);
    expect(loadMasterKeys({ CUSTOS_MASTER_KEY: A, CUSTOS_MASTER_KEY_PREVIOUS: A }).accepted).toEqual([]);
  });

  it('reads an owner-only key file from CUSTOS_MASTER_KEY_FILE', () => {
    expect(loadMasterKeys({ CUSTOS_MASTER_KEY_FILE: keyFile(A, 0o600) }).master.id).toBe(idOf(A));
    expect(loadMasterKeys({ CUSTOS_MASTER_KEY_FILE: keyFile(A, 0o400) }).master.id).toBe(idOf(A));
  });

  it('says how to provide a master key when none is set', () => {
    expect(() => loadMasterKeys({})).toThrow(
      'no master key: set CUSTOS_MASTER_KEY (base64 or hexadecimal of 32 bytes, e.g. from `openssl rand -base64 32`) or CUSTOS_MASTER_KEY_FILE (a file of mode 0600 holding one); Custos never keeps it in its store',
    );
  });

  it('refuses both a key and a key file for the same role', () => {
    expect(() => loadMasterKeys({ CUSTOS_MASTER_KEY: A, CUSTOS_MASTER_KEY_FILE: keyFile(A, 0o600) })).toThrow(
      'both CUSTOS_MASTER_KEY and CUSTOS_MASTER_KEY_FILE are set: keep one',
    );
  });

  it('names the variable of a bad previous key', () => {
    expect(() => loadMasterKeys({ CUSTOS_MASTER_KEY: A, CUSTOS_MASTER_KEY_PREVIOUS: 'abcd' })).toThrow(
      /^CUSTOS_MASTER_KEY_PREVIOUS is too short/,
    );
  });
});

describe('readMasterKeyFile', () => {
  it.skipIf(process.platform === 'win32')(
    'refuses a file others may read, with the mode and the chmod that fixes it, never the key',
    () => {
      for (const mode of [0o644, 0o640, 0o604, 0o660]) {
        const file = keyFile(A, mode);
        let message = '';
        try {
          loadMasterKeys({ CUSTOS_MASTER_KEY_FILE: file });
        } catch (error) {
          message = (error as Error).message;
          expect(error).toMatchObject({ code: 'config', details: { mode: `0${mode.toString(8)}` } });
        }
        expect(message).toBe(
          `CUSTOS_MASTER_KEY_FILE (${file}) is open to other users (mode 0${mode.toString(8)}): a master key file must be readable by its owner only; run \`chmod 600 ${file}\``,
        );
        expect(message).not.toContain(A.slice(0, 12));
      }
    },
  );

  it('names a missing file and a folder given as a file', () => {
    expect(() => readMasterKeyFile(join(dir, 'absent.key'))).toThrow(`${join(dir, 'absent.key')} cannot be read: ENOENT`);
    expect(() => readMasterKeyFile(dir)).toThrow(`${dir} is not a regular file`);
  });

  it('names the file whose content is not a key', () => {
    const file = keyFile('not a key!', 0o600);
    expect(() => readMasterKeyFile(file)).toThrow(`${file} is neither hexadecimal nor base64`);
  });
});

describe('writeMasterKeyFile', () => {
  it('writes a new key owner-only, in a folder it creates owner-only, that loads back as the same key', () => {
    const file = join(dir, 'secrets', 'master.key');
    const key = writeMasterKeyFile(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(readMasterKeyFile(file).id).toBe(key.id);
  });

  it('never overwrites an existing key file', () => {
    const file = keyFile(A, 0o600);
    expect(() => writeMasterKeyFile(file)).toThrow(`${file} already exists: a master key file is never overwritten`);
    expect(readFileSync(file, 'utf8')).toBe(`${A}\n`);
  });
});
