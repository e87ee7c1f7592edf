// The envelope's layout: what a reader in another language finds, and how a damaged one is refused.
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, envelopeKeyId, envelopeText } from './envelope.js';

const envelope = {
  version: 1,
  keyId: 'dk_0123456789abcdef',
  nonce: Buffer.alloc(12, 0xaa),
  ciphertext: Buffer.from('secret'),
  tag: Buffer.alloc(16, 0xbb),
};

describe('envelope', () => {
  it('is laid out as version, id length, id, nonce, ciphertext, tag, and reads back from bytes or base64url text', () => {
    const bytes = Buffer.from(encodeEnvelope(envelope));
    expect(bytes.length).toBe(2 + 19 + 12 + 6 + 16);
    expect([bytes[0], bytes[1]]).toEqual([1, 19]);
    expect(bytes.subarray(2, 21).toString('ascii')).toBe('dk_0123456789abcdef');
    expect(bytes.subarray(33, 39).toString()).toBe('secret');
    expect(decodeEnvelope(bytes)).toEqual({
      ...envelope,
      nonce: expect.any(Buffer),
      ciphertext: expect.any(Buffer),
      tag: expect.any(Buffer),
    });
    const text = envelopeText(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(decodeEnvelope(text).ciphertext).toString()).toBe('secret');
    expect(envelopeKeyId(text)).toBe('dk_0123456789abcdef');
  });

  it('refuses a truncated, empty, unknown-version or non-base64url envelope as a store error saying which', () => {
    const bytes = Buffer.from(encodeEnvelope(envelope));
    expect(() => decodeEnvelope(bytes.subarray(0, 40))).toThrow('cannot open this sealed value: it is truncated');
    expect(() => decodeEnvelope(new Uint8Array())).toThrow('cannot open this sealed value: it is empty or truncated');
    expect(() => decodeEnvelope(Buffer.concat([Buffer.from([2]), bytes.subarray(1)]))).toThrow(
      'cannot open this sealed value: its format version 2 is unknown (this Custos reads version 1)',
    );
    expect(() => decodeEnvelope('not base64url!')).toThrow('cannot open this sealed value: its text is not base64url');
    expect(() => decodeEnvelope(bytes.subarray(0, 40))).toThrow(expect.objectContaining({ code: 'store-error' }));
  });
});
