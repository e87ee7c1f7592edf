// Key material Custos keeps for itself: the pseudonym key of keyed hashes, from the environment or a private file.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CustosError } from '../errors.js';

/** Default file of the pseudonym key when CUSTOS_PSEUDONYM_KEY is not set. */
export const DEFAULT_PSEUDONYM_KEY_FILE = '.custos/pseudonym.key';

/** A fresh 256-bit key. */
export function generatePseudonymKey(): Uint8Array {
  return randomBytes(32);
}

/**
 * The pseudonym key: CUSTOS_PSEUDONYM_KEY (64 hex characters) when set, else the key file, created with mode 0600 on first use.
 * Keeping it stable matters: the same value must map to the same pseudonym across requests.
 */
export function loadPseudonymKey(env: NodeJS.ProcessEnv = process.env, file = DEFAULT_PSEUDONYM_KEY_FILE): Uint8Array {
  const fromEnv = env.CUSTOS_PSEUDONYM_KEY;
  if (fromEnv !== undefined) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv))
      throw new CustosError({ code: 'config', message: 'CUSTOS_PSEUDONYM_KEY must be 64 hexadecimal characters (256 bits)' });
    return Buffer.from(fromEnv, 'hex');
  }
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(hex))
      throw new CustosError({ code: 'config', message: `${file} does not hold a 256-bit hexadecimal key` });
    return Buffer.from(hex, 'hex');
  }
  const key = generatePseudonymKey();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 }); // a folder Custos creates holds secrets: owner only
  writeFileSync(file, `${Buffer.from(key).toString('hex')}\n`, { mode: 0o600 });
  return key;
}
