// The chain's hash: fixed genesis, content covered field by field, and the previous hash bound in.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { chainHash, contentText, GENESIS_HASH } from './chain.js';
import type { AuditContent } from './entry.js';

const content: AuditContent = {
  seq: 1,
  at: '2026-11-23T10:15:00.000Z',
  actor: { kind: 'staff', id: 'u_7' },
  action: 'person-data.viewed',
  subjects: { request: 'req_1', person: 'p_42' },
  details: { collections: ['crm.people'], rows: 3 },
};

describe('the chain', () => {
  it('starts from SHA-256 of custos-audit-log/v1', () => {
    expect(GENESIS_HASH).toBe(createHash('sha256').update('custos-audit-log/v1').digest('hex'));
  });

  it('hashes the previous hash followed by the canonical content', () => {
    const text = contentText(content);
    expect(text).toBe(
      '{"action":"person-data.viewed","actor":{"id":"u_7","kind":"staff"},"at":"2026-11-23T10:15:00.000Z",' +
        '"details":{"collections":["crm.people"],"rows":3},"seq":1,"subjects":{"person":"p_42","request":"req_1"}}',
    );
    expect(chainHash(GENESIS_HASH, text)).toBe(
      createHash('sha256')
        .update(GENESIS_HASH + text)
        .digest('hex'),
    );
  });

  it('changes with any field of the content and with the previous hash', () => {
    const base = chainHash(GENESIS_HASH, contentText(content));
    const variants: AuditContent[] = [
      { ...content, seq: 2 },
      { ...content, at: '2026-11-23T10:15:00.001Z' },
      { ...content, actor: { kind: 'system', id: 'u_7' } },
      { ...content, action: 'package.downloaded' },
      { ...content, subjects: { request: 'req_1' } },
      { ...content, details: { collections: ['crm.people'], rows: 4 } },
    ];
    for (const v of variants) expect(chainHash(GENESIS_HASH, contentText(v))).not.toBe(base);
    expect(chainHash('0'.repeat(64), contentText(content))).not.toBe(base);
  });
});

describe('contentText', () => {
  it('is canonicalJson of the content, written faster', () => {
    const { seq, at, actor, action, subjects, details } = content;
    expect(contentText(content)).toBe(canonicalJson({ seq, at, actor: { ...actor }, action, subjects, details }));
    expect(contentText(content, 9)).toBe(canonicalJson({ seq: 9, at, actor: { ...actor }, action, subjects, details }));
  });
});
