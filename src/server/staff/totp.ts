// TOTP second factor (RFC 6238): enrolment (secret, otpauth URI, QR code) and the check of a code, each step used once.
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** SHA-1, 6 digits, 30 s: what every authenticator app reads from an otpauth URI. A code is accepted one step early or late. */
const PERIOD = 30;
const WINDOW = 1;

export interface TotpEnrolment {
  /** Base32, for apps that take the secret typed in. */
  readonly secret: string;
  readonly uri: string;
  /** `data:image/svg+xml;base64,…`: the URI as a QR code for the console to show. */
  readonly qrCode: string;
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, issuer: string, label: string): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), period: PERIOD });
}

export async function totpEnrolment(secret: string, issuer: string, label: string): Promise<TotpEnrolment> {
  const uri = totpOf(secret, issuer, label).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * The time step `code` is valid for at `at`, or undefined when it is wrong, malformed or of a step already used
 * (`usedStep`): a code seen once (over a shoulder, in a proxy log) cannot sign in again. otpauth compares codes in
 * constant time.
 */
export function acceptedTotpStep(secret: string, code: string, at: Date, usedStep = -1): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = totpOf(secret, 'Custos', 'staff');
  const delta = totp.validate({ token: code, timestamp: at.getTime(), window: WINDOW });
  if (delta === null) return undefined;
  const step = totp.counter({ timestamp: at.getTime() }) + delta;
  return step > usedStep ? step : undefined;
}

/** The code an authenticator shows at `at` (tests, and scripts that enrol a service account). */
export function totpCode(secret: string, at: Date): string {
  return totpOf(secret, 'Custos', 'staff').generate({ timestamp: at.getTime() });
}
