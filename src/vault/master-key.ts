// The master key that wraps every data key: 32 bytes held in memory only, known to the rest of Custos by its id.
import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { CustosError } from '../errors.js';

export const MASTER_KEY_BYTES = 32;

/** The key bytes live here, not on the object, so printing, logging or serialising a MasterKey can never show them. */
const secrets = new WeakMap<MasterKey, Buffer>();

export class MasterKey {
  /** `mk_` and 16 hex characters of HMAC-SHA-256(key, "custos-master-key-id/v1"): names the key, reveals nothing of it. */
  readonly id: string;

  private constructor(bytes: Buffer) {
    this.id = `mk_${createHmac('sha256', bytes).update('custos-master-key-id/v1').digest('hex').slice(0, 16)}`;
    secrets.set(this, bytes);
  }

  /** A master key from 32 bytes (copied). `where` names the source in the error (never the value). */
  static fromBytes(bytes: Uint8Array, where = 'the master key'): MasterKey {
    if (bytes.length !== MASTER_KEY_BYTES)
      throw new CustosError({
        code: 'config',
        message: `${where} ${bytes.length < MASTER_KEY_BYTES ? 'is too short' : 'is too long'}: it decodes to ${bytes.length} bytes; a master key is exactly ${MASTER_KEY_BYTES} bytes (64 hexadecimal or 44 base64 characters)`,
      });
    // A placeholder such as 000…0 or "aaaa…" has few distinct bytes; 32 random bytes nearly always have over 25.
    if (new Set(bytes).size < 16)
      throw new CustosError({
        code: 'config',
        message: `${where} is not random (it repeats a few byte values): generate one with \`openssl rand -base64 32\``,
      });
    return new MasterKey(Buffer.from(bytes));
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }

  toString(): string {
    return `MasterKey(${this.id})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** The key bytes, for the vault's wrapping only (not exported from the vault's index). */
export function masterKeyBytes(master: MasterKey): Buffer {
  const bytes = secrets.get(master);
  if (bytes === undefined) throw new CustosError({ code: 'internal', message: `master key ${master.id} has no key material` });
  return bytes;
}

/** Reads 64 hexadecimal characters, or base64 / base64url of 32 bytes (padding optional). */
export function masterKeyFromText(text: string, where: string): MasterKey {
  const value = text.trim();
  if (value === '')
    throw new CustosError({ code: 'config', message: `${where} is empty: it should hold a 32-byte key in base64 or hexadecimal` });
  // Only hex digits: hexadecimal (base64 of random bytes is all hex digits with odds of about 10⁻²⁰), so a key missing
  // a few hex digits is reported by its size instead of being misread as base64.
  if (/^[0-9a-fA-F]+$/.test(value)) {
    if (value.length % 2 === 1)
      throw new CustosError({
        code: 'config',
        message: `${where} has an odd number of hexadecimal characters (${value.length}): a master key is 64`,
      });
    return MasterKey.fromBytes(Buffer.from(value, 'hex'), where);
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value))
    throw new CustosError({
      code: 'config',
      message: `${where} is neither hexadecimal nor base64: it should hold a 32-byte key, such as the output of \`openssl rand -base64 32\``,
    });
  return MasterKey.fromBytes(Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64'), where);
}

/** A new master key as text for CUSTOS_MASTER_KEY or a key file: base64 of 32 random bytes. */
export function generateMasterKey(): string {
  return randomBytes(MASTER_KEY_BYTES).toString('base64');
}
