// Keyed pseudonyms: HMAC-SHA256 of a value under a secret key, so the same value maps to the same token without being reversible.
import { createHmac } from 'node:crypto';

/** Prefix marking a pseudonymised value, so a replayed step never hashes a hash. */
export const PSEUDONYM_PREFIX = 'pse_';

export function pseudonymise(value: string, key: Uint8Array): string {
  if (value.startsWith(PSEUDONYM_PREFIX)) return value;
  return PSEUDONYM_PREFIX + createHmac('sha256', key).update(value, 'utf8').digest('base64url').slice(0, 32);
}
