// The desk's secrets: status and download tokens (256 bits, kept hashed), e-mail codes (salted HMAC), app assertions.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A new unguessable token (256 random bits, base64url) and the hash the store keeps of it. */
export function newToken(): { readonly token: string; readonly hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

/** A token's hash: SHA-256 is enough for 256 random bits (nothing to guess), and lets the store find it by hash. */
export const tokenHash = (token: string): string => createHash('sha256').update(`custos-desk-token/v1\0${token}`).digest('hex');

/** A 6-digit code and its salted hash. */
export function newCode(): { readonly code: string; readonly hash: string; readonly salt: string } {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('hex');
  return { code, salt, hash: codeHash(code, salt) };
}

const codeHash = (code: string, salt: string): string => createHmac('sha256', Buffer.from(salt, 'hex')).update(code).digest('hex');

/** Whether `code` is the one hashed, compared in constant time. */
export function codeMatches(code: string, hash: string, salt: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return timingSafeEqual(Buffer.from(codeHash(code, salt), 'hex'), Buffer.from(hash, 'hex'));
}

/** A rate counter's key: a keyed hash of the address, so the store never holds the address itself. */
export const rateKey = (key: Uint8Array, value: string): string =>
  createHmac('sha256', key).update(`custos-desk-rate/v1\0${value.trim().toLowerCase()}`).digest('hex');

/**
 * What the provider's app signs for a person signed in to it: the identity key and value, and when the assertion
 * expires (whole seconds since the epoch). `signature` is hex HMAC-SHA256 with `CUSTOS_APP_SECRET` over
 * `custos-assertion/v1 ␀ identity ␀ value ␀ expires`.
 */
export interface AppAssertion {
  readonly identity: string;
  readonly value: string;
  readonly expires: number;
  readonly signature: string;
}

const assertionText = (a: Pick<AppAssertion, 'identity' | 'value' | 'expires'>): string =>
  `custos-assertion/v1\0${a.identity}\0${a.value}\0${a.expires}`;

/** Signs an assertion as the provider's app does (for its own code, and tests). */
export function signAssertion(secret: string, a: Pick<AppAssertion, 'identity' | 'value' | 'expires'>): AppAssertion {
  return { ...a, signature: createHmac('sha256', secret).update(assertionText(a)).digest('hex') };
}

/** Whether the assertion's signature is the app's, compared in constant time (its expiry is checked by the caller). */
export function assertionSigned(secret: string, a: AppAssertion): boolean {
  const expected = createHmac('sha256', secret).update(assertionText(a)).digest();
  const given = /^[0-9a-f]{64}$/i.test(a.signature) ? Buffer.from(a.signature, 'hex') : Buffer.alloc(32);
  return timingSafeEqual(expected, given) && given.length === 32 && /^[0-9a-f]{64}$/i.test(a.signature);
}
