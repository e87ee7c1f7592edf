// Keyed pseudonyms: HMAC-SHA256 of a value under a secret key, so the same value maps to the same token without being reversible.
import { createHmac, hkdfSync } from 'node:crypto';
import { CustosError } from '../errors.js';

/** Prefix marking a pseudonymised value, so a replayed step never hashes a hash. */
export const PSEUDONYM_PREFIX = 'pse_';

export function pseudonymise(value: string, key: Uint8Array): string {
  if (value.startsWith(PSEUDONYM_PREFIX)) return value;
  return PSEUDONYM_PREFIX + createHmac('sha256', key).update(value, 'utf8').digest('base64url').slice(0, 32);
}

/** A pseudonym key for one key lifetime: the id (epoch) names the lifetime, the key is derived for it alone. */
export interface PseudonymEpochKey {
  readonly id: string;
  readonly key: Uint8Array;
}

/** An epoch id: letters, digits, `.` and `-` (e.g. `2026`, `2026-h2`), so it reads in a token and never splits one. */
const EPOCH_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/;

/**
 * The key of one lifetime, derived from the vault's pseudonym key (HKDF-SHA-256, info `custos/pseudonym/<id>`). Rotating is
 * choosing a new id: tokens of two lifetimes come from unrelated keys, so they do not link, and no old key is kept around.
 */
export function pseudonymEpochKey(rootKey: Uint8Array, id: string): PseudonymEpochKey {
  if (!EPOCH_ID.test(id))
    throw new CustosError({
      code: 'invalid-input',
      message: `pseudonym key id "${id.slice(0, 40)}": use 1–32 letters, digits, "." or "-", starting with a letter or digit (e.g. 2026 or 2026-h2)`,
      details: { option: 'keyId' },
    });
  if (rootKey.length < 32)
    throw new CustosError({ code: 'config', message: 'the pseudonym key must be at least 256 bits: see CUSTOS_PSEUDONYM_KEY' });
  const key = new Uint8Array(hkdfSync('sha256', rootKey, new Uint8Array(0), `custos/pseudonym/${id}`, 32));
  return Object.freeze({ id, key });
}

/**
 * A keyed pseudonym that names its key lifetime: `pse_<id>~<HMAC-SHA-256, 43 base64url characters>`. The same value under one
 * epoch key gives the same token; under another epoch it gives an unrelated one. A token of any epoch is left as it is.
 */
export function epochPseudonym(value: string, epoch: PseudonymEpochKey): string {
  if (value.startsWith(PSEUDONYM_PREFIX)) return value;
  return `${PSEUDONYM_PREFIX}${epoch.id}~${createHmac('sha256', epoch.key).update(value, 'utf8').digest('base64url')}`;
}
