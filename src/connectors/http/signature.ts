// Signing Custos's calls to a provider's endpoints, and verifying them on the receiving side (HMAC-SHA256, Stripe-style).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex hmac-sha256(secret, t + "." + body)>`. */
export const CUSTOS_SIGNATURE_HEADER = 'X-Custos-Signature';

/** Default accepted clock difference between Custos and the provider, in seconds. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** The header value for `body` sent at `nowSeconds` (unix time, whole seconds). */
export function signCustosBody(secret: string, body: string | Uint8Array, nowSeconds: number): string {
  const timestamp = Math.floor(nowSeconds);
  return `t=${timestamp},v1=${digest(secret, timestamp, body).toString('hex')}`;
}

/**
 * True when `header` signs exactly `body` with `secret` and its timestamp is within `toleranceSeconds` (default 300) of
 * `nowSeconds`. Accepts several `v1=` entries (secret rotation); compares in constant time. Pass the raw body bytes.
 */
export function verifyCustosSignature(
  secret: string,
  header: string | null | undefined,
  body: string | Uint8Array,
  nowSeconds: number,
  toleranceSeconds: number = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  if (!header || !secret) return false;
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [name, value = ''] = part.trim().split('=', 2);
    if (name === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = digest(secret, timestamp, body);
  return signatures.some((signature) => timingSafeEqual(signature, expected));
}

function digest(secret: string, timestamp: number, body: string | Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}
