// Anchors: what `custos audit anchor` saves is what `custos audit verify --anchor` reads back, and bad input is named.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { anchorOf, parseAnchor } from './anchor.js';
import { AT, testEntry } from './contract.test-support.js';
import { openSqliteAuditLog } from './sqlite/log.js';
import { verifyChain } from './verify.js';

const HASH = 'ab'.repeat(32);

describe('anchors', () => {
  it('round-trip through JSON text and verify the log they were taken from', async () => {
    const log = openSqliteAuditLog(':memory:', { clock: fixedClock(AT) });
    await log.appendAll([1, 2, 3].map(testEntry));
    const saved = JSON.stringify(await anchorOf(log));
    const anchor = parseAnchor(JSON.parse(saved), 'anchor.json');
    expect(anchor).toEqual({ seq: 3, hash: (await log.head())!.hash, at: AT.toISOString() });
    expect(await verifyChain(log, { anchor })).toMatchObject({ ok: true, entries: 3 });
    // An anchor from another log (same seq, another hash) does not pass.
    expect(await verifyChain(log, { anchor: { ...anchor, hash: HASH } })).toMatchObject({
      ok: false,
      problem: { kind: 'truncated', seq: 3 },
    });
    await log.close();
  });

  it('refuses a saved anchor that is not one, saying which part and what an anchor looks like', () => {
    const shape = '; an anchor is the JSON that `custos audit anchor` prints: {"seq": 1234, "hash": "<64 hex>", "at": "<ISO instant>"}';
    expect(() => parseAnchor([], 'anchor.json')).toThrow(`anchor.json: not a JSON object${shape}`);
    expect(() => parseAnchor({ seq: 0, hash: HASH, at: '2026-11-23T10:15:00Z' }, '--anchor')).toThrow(
      `--anchor: "seq" is not a whole number of at least 1${shape}`,
    );
    expect(() => parseAnchor({ seq: 3, hash: HASH.toUpperCase(), at: '2026-11-23T10:15:00Z' }, 'a.json')).toThrow(
      'a.json: "hash" is not 64 lowercase hexadecimal characters',
    );
    expect(() => parseAnchor({ seq: 3, hash: HASH, at: 'yesterday' }, 'a.json')).toThrow('a.json: "at" is not an ISO instant');
  });
});

describe('verifyChain', () => {
  it('stops with aborted when its signal is aborted, naming where it stopped', async () => {
    const log = openSqliteAuditLog(':memory:', { clock: fixedClock(AT) });
    await log.appendAll([1, 2, 3].map(testEntry));
    await expect(verifyChain(log, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'aborted',
      message: 'audit verification stopped at entry 1',
    });
    await log.close();
  });
});
