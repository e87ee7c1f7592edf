// The signature providers check: exact body, shared secret, bounded clock difference, several secrets during rotation.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCustosBody, verifyCustosSignature } from './signature.js';

const body = '{"collection":"people","where":{"id":[1]}}';
const now = 1_700_000_000;

describe('custos signature', () => {
  it('verifies what it signed', () => {
    expect(verifyCustosSignature('s3cret', signCustosBody('s3cret', body, now), body, now)).toBe(true);
    expect(verifyCustosSignature('s3cret', signCustosBody('s3cret', Buffer.from(body), now), Buffer.from(body), now + 10)).toBe(true);
  });

  it('signs "t.body" with HMAC-SHA256 in hex, whole seconds', () => {
    const expected = createHmac('sha256', 'key').update('1700000000.x').digest('hex');
    expect(signCustosBody('key', 'x', 1_700_000_000.9)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('refuses another body, another secret, a stale or future timestamp, and malformed headers', () => {
    const header = signCustosBody('s3cret', body, now);
    expect(verifyCustosSignature('s3cret', header, `${body} `, now)).toBe(false);
    expect(verifyCustosSignature('other', header, body, now)).toBe(false);
    expect(verifyCustosSignature('s3cret', header, body, now + 301)).toBe(false);
    expect(verifyCustosSignature('s3cret', header, body, now - 301)).toBe(false);
    expect(verifyCustosSignature('s3cret', header, body, now + 60, 30)).toBe(false);
    for (const bad of [undefined, '', 'v1=abc', `t=${now}`, `t=abc,v1=${'0'.repeat(64)}`, `t=${now},v1=zz`]) {
      expect(verifyCustosSignature('s3cret', bad, body, now)).toBe(false);
    }
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const old = signCustosBody('old', body, now).split(',')[1];
    const current = signCustosBody('new', body, now);
    expect(verifyCustosSignature('old', `${current},${old}`, body, now)).toBe(true);
    expect(verifyCustosSignature('new', `${current},${old}`, body, now)).toBe(true);
  });
});
