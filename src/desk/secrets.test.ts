// The desk's secrets: tokens are unguessable and kept hashed, codes are salted, assertions are the app secret's alone.
import { describe, expect, it } from 'vitest';
import { assertionSigned, codeMatches, newCode, newToken, signAssertion, tokenHash } from './secrets.js';

const SECRET = 'a-test-app-secret-of-at-least-32-characters';

describe('desk secrets', () => {
  it('gives 256-bit tokens, kept as a hash that does not contain them', () => {
    const a = newToken();
    const b = newToken();
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(tokenHash(a.token));
    expect(a.hash).not.toContain(a.token);
  });

  it('hashes the same code differently under each salt, and matches only the code itself', () => {
    const { code, hash, salt } = newCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(codeMatches(code, hash, salt)).toBe(true);
    expect(codeMatches(String((Number(code) + 1) % 1_000_000).padStart(6, '0'), hash, salt)).toBe(false);
    expect(codeMatches(`${code} `, hash, salt)).toBe(false);
    const other = newCode();
    expect(codeMatches(code, other.hash, other.salt)).toBe(code === other.code);
  });

  it('accepts an assertion signed with the app secret only, over exactly what it signed', () => {
    const signed = signAssertion(SECRET, { identity: 'email', value: 'ada@example.com', expires: 1_800_000_000 });
    expect(assertionSigned(SECRET, signed)).toBe(true);
    expect(assertionSigned(SECRET, { ...signed, value: 'eve@example.com' })).toBe(false);
    expect(assertionSigned(SECRET, { ...signed, expires: signed.expires + 1 })).toBe(false);
    expect(assertionSigned(`${SECRET}!`, signed)).toBe(false);
    expect(assertionSigned(SECRET, { ...signed, signature: signed.signature.slice(0, 10) })).toBe(false);
    expect(assertionSigned(SECRET, { ...signed, signature: 'zz'.repeat(32) })).toBe(false);
  });
});
