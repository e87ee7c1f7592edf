// AES-256-GCM with node:crypto: sealing values under data keys and wrapping data keys under a master key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { masterKeyBytes, type MasterKey } from './master-key.js';
import { NONCE_BYTES, TAG_BYTES } from './envelope.js';

export const DATA_KEY_BYTES = 32;

/** A fresh random 96-bit nonce: with random nonces a key stays safe for 2³² seals (NIST SP 800-38D). */
export function freshNonce(): Buffer {
  return randomBytes(NONCE_BYTES);
}

export function gcmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

/** The plaintext, or undefined when the key, nonce, ciphertext, tag or associated data is not the sealed one. */
export function gcmOpen(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Buffer | undefined {
  if (tag.length !== TAG_BYTES || nonce.length !== NONCE_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const plaintext = decipher.update(ciphertext);
  try {
    decipher.final();
  } catch {
    plaintext.fill(0); // unauthenticated bytes are never handed out
    return undefined;
  }
  return plaintext;
}

/** What a wrapped data key is bound to: moving a wrapped key to another id, purpose or master makes it unopenable. */
export interface DataKeyIdentity {
  readonly id: string;
  readonly purpose: string;
}

function wrapAad(key: DataKeyIdentity, masterId: string): Buffer {
  return Buffer.from(`custos-data-key/v1\0${key.id}\0${key.purpose}\0${masterId}`, 'utf8');
}

/** `nonce ‖ ciphertext ‖ tag` of the data key under the master key (60 bytes). */
export function wrapDataKey(master: MasterKey, key: DataKeyIdentity, dataKey: Uint8Array): Buffer {
  const nonce = freshNonce();
  const { ciphertext, tag } = gcmSeal(masterKeyBytes(master), nonce, dataKey, wrapAad(key, master.id));
  return Buffer.concat([nonce, ciphertext, tag]);
}

/** The data key, or undefined when `wrapped` was not made by this master for this key. */
export function unwrapDataKey(master: MasterKey, key: DataKeyIdentity, wrapped: Uint8Array): Buffer | undefined {
  if (wrapped.length !== NONCE_BYTES + DATA_KEY_BYTES + TAG_BYTES) return undefined;
  const nonce = wrapped.subarray(0, NONCE_BYTES);
  const ciphertext = wrapped.subarray(NONCE_BYTES, NONCE_BYTES + DATA_KEY_BYTES);
  const tag = wrapped.subarray(NONCE_BYTES + DATA_KEY_BYTES);
  return gcmOpen(masterKeyBytes(master), nonce, ciphertext, tag, wrapAad(key, master.id));
}
