// The sealed form of a secret: self-describing bytes (version, data key id, nonce, ciphertext, tag), or their base64url text.
import { CustosError } from '../errors.js';

export const ENVELOPE_VERSION = 1;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
const MAX_KEY_ID_LENGTH = 64;

/**
 * Layout of version 1: `[1 byte version][1 byte n][n bytes data key id, ASCII][12 bytes nonce][ciphertext][16 bytes tag]`.
 * The header (everything before the ciphertext) is authenticated with the ciphertext, so no byte of it can be changed.
 */
export interface Envelope {
  readonly version: number;
  readonly keyId: string;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

/** The bytes before the ciphertext: authenticated as part of the associated data. */
export function envelopeHeader(keyId: string, nonce: Uint8Array): Buffer {
  if (!/^[\x21-\x7e]+$/.test(keyId) || keyId.length > MAX_KEY_ID_LENGTH)
    throw new CustosError({ code: 'internal', message: `data key id of ${keyId.length} characters cannot be written into an envelope` });
  return Buffer.concat([Buffer.from([ENVELOPE_VERSION, keyId.length]), Buffer.from(keyId, 'ascii'), nonce]);
}

export function encodeEnvelope(envelope: Envelope): Uint8Array {
  return Buffer.concat([envelopeHeader(envelope.keyId, envelope.nonce), envelope.ciphertext, envelope.tag]);
}

/** Reads an envelope from its bytes or base64url text; a damaged one is a `store-error` saying what is wrong. */
export function decodeEnvelope(sealed: Uint8Array | string): Envelope {
  const bytes = typeof sealed === 'string' ? bytesOfText(sealed) : Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const damaged = (what: string) => new CustosError({ code: 'store-error', message: `cannot open this sealed value: ${what}` });
  if (bytes.length < 2) throw damaged('it is empty or truncated');
  const version = bytes[0]!;
  if (version !== ENVELOPE_VERSION)
    throw damaged(`its format version ${version} is unknown (this Custos reads version ${ENVELOPE_VERSION})`);
  const idLength = bytes[1]!;
  const start = 2 + idLength + NONCE_BYTES;
  if (idLength === 0 || idLength > MAX_KEY_ID_LENGTH || bytes.length < start + TAG_BYTES) throw damaged('it is truncated');
  const keyId = bytes.subarray(2, 2 + idLength).toString('ascii');
  if (!/^[\x21-\x7e]+$/.test(keyId)) throw damaged('its data key id is not readable');
  return {
    version,
    keyId,
    nonce: bytes.subarray(2 + idLength, start),
    ciphertext: bytes.subarray(start, bytes.length - TAG_BYTES),
    tag: bytes.subarray(bytes.length - TAG_BYTES),
  };
}

/** The envelope as base64url text, for a text column or a JSON field; `open` takes either form. */
export function envelopeText(sealed: Uint8Array): string {
  return Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength).toString('base64url');
}

/** The data key id an envelope was sealed under: what `destroy` takes to shred it. */
export function envelopeKeyId(sealed: Uint8Array | string): string {
  return decodeEnvelope(sealed).keyId;
}

function bytesOfText(text: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(text))
    throw new CustosError({ code: 'store-error', message: 'cannot open this sealed value: its text is not base64url' });
  return Buffer.from(text, 'base64url');
}
