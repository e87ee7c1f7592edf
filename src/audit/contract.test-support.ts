// The suite every AuditLog passes against a real database: chaining, serialised appends, the append-only guard, and the
// verifier naming the right seq after rows are edited, removed, reordered or cut with SQL.
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { CustosError } from '../errors.js';
import { anchorOf } from './anchor.js';
import { chainHash, contentText, GENESIS_HASH } from './chain.js';
import type { NewAuditEntry } from './entry.js';
import type { AuditLog } from './log.js';
import { verifyChain, type ChainVerification } from './verify.js';

export interface AuditFixture {
  readonly log: AuditLog;
  /** Runs SQL on the table `audit_log` directly, as someone with access to the database can. */
  sql(statement: string): Promise<void>;
  /** Removes the append-only triggers, as the database's owner can. */
  dropGuards(): Promise<void>;
  /** Appends `each` entries from each of `appenders` connections of their own (processes, for SQLite), all at once. */
  appendConcurrently(appenders: number, each: number): Promise<void>;
  dispose(): Promise<void>;
}

export interface AuditHarness {
  /** A new, empty log in tables of its own, stamping entries with `clock`. */
  fresh(clock: { now(): Date }): Promise<AuditFixture>;
}

export const AT = new Date('2026-11-23T10:15:00.000Z');

/** Entry `i` of a test log: each names its own request and counts, so no two hash alike. */
export function testEntry(i: number): NewAuditEntry {
  return i % 3 === 0
    ? {
        actor: { kind: 'staff', id: `u_${i % 5}` },
        action: 'person-data.viewed',
        subjects: { request: `req_${i}`, person: `p_${i}` },
        details: { rows: i },
      }
    : {
        actor: { kind: 'system', id: 'workflow' },
        action: 'request.created',
        subjects: { request: `req_${i}` },
        details: { channel: 'web' },
      };
}

const entries = (n: number) => Array.from({ length: n }, (_, i) => testEntry(i + 1));

function problemOf(result: ChainVerification): { kind: string; seq: number; message: string } | undefined {
  return result.ok ? undefined : result.problem;
}

export function describeAuditLogContract(name: string, harness: () => Promise<AuditHarness>): void {
  describe(`${name} audit log contract`, () => {
    let h: AuditHarness;
    beforeAll(async () => {
      h = await harness();
    });
    /** A fresh log holding `n` entries, disposed after `work`. */
    async function withLog(n: number, work: (f: AuditFixture) => Promise<void>): Promise<void> {
      const f = await h.fresh(fixedClock(AT));
      try {
        if (n > 0) await f.log.appendAll(entries(n));
        await work(f);
      } finally {
        await f.dispose();
      }
    }

    it('appends entries chained from the genesis hash, stamped by the clock, and reads them back as written', async () => {
      await withLog(0, async ({ log }) => {
        expect(await log.head()).toBeUndefined();
        const first = await log.append(testEntry(3));
        expect(first).toEqual({
          seq: 1,
          at: '2026-11-23T10:15:00.000Z',
          actor: { kind: 'staff', id: 'u_3' },
          action: 'person-data.viewed',
          subjects: { request: 'req_3', person: 'p_3' },
          details: { rows: 3 },
          prevHash: GENESIS_HASH,
          hash: chainHash(GENESIS_HASH, contentText({ ...first })),
        });
        const more = await log.appendAll([testEntry(1), testEntry(2)]);
        expect(more.map((e) => [e.seq, e.prevHash])).toEqual([
          [2, first.hash],
          [3, more[0]!.hash],
        ]);
        expect(await log.read(1, 10)).toEqual([first, ...more]);
        expect((await log.read(2, 1)).map((e) => e.seq)).toEqual([2]);
        expect(await log.head()).toEqual(more[1]);
        // What the verifier reads: the same hashes, and the content text hashed when the entries were appended.
        expect(await log.readLinks(1, 10)).toEqual(
          [first, ...more].map((e) => ({ seq: e.seq, prevHash: e.prevHash, hash: e.hash, content: contentText(e) })),
        );
        expect(await verifyChain(log)).toEqual({
          ok: true,
          entries: 3,
          head: { seq: 3, hash: more[1]!.hash, at: '2026-11-23T10:15:00.000Z' },
        });
      });
    });

    it('writes nothing when an entry holds personal data, even among others in one batch', async () => {
      await withLog(2, async ({ log }) => {
        const bad = { ...testEntry(9), details: { contact: 'ada@example.com' } };
        await expect(log.append(bad)).rejects.toMatchObject({
          code: 'invalid-input',
          message: expect.stringMatching(/^audit entry: details\.contact looks like an e-mail address/),
        });
        await expect(log.appendAll([testEntry(3), bad])).rejects.toBeInstanceOf(CustosError);
        expect((await log.head())?.seq).toBe(2);
      });
    });

    it('serialises concurrent appenders: two connections appending 200 entries each make one unbroken chain of 400', async () => {
      await withLog(0, async (f) => {
        await f.appendConcurrently(2, 200);
        const all = await f.log.read(1, 1000);
        expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
        expect(all.filter((e) => e.actor.id === 'appender-0')).toHaveLength(200);
        expect(all.filter((e) => e.actor.id === 'appender-1')).toHaveLength(200);
        // The appenders took turns (the test would prove nothing if one ran after the other).
        const turns = all.filter((e, i) => i > 0 && e.actor.id !== all[i - 1]!.actor.id).length;
        expect(turns).toBeGreaterThan(10);
        expect(await verifyChain(f.log, { pageSize: 64 })).toMatchObject({ ok: true, entries: 400 });
      });
    });

    it('refuses UPDATE, DELETE through SQL: the log is append-only', async () => {
      await withLog(3, async (f) => {
        await expect(f.sql(`UPDATE audit_log SET details = '{}' WHERE seq = 2`)).rejects.toThrow(/append-only/);
        await expect(f.sql('DELETE FROM audit_log WHERE seq = 3')).rejects.toThrow(/append-only/);
        expect(await verifyChain(f.log)).toMatchObject({ ok: true, entries: 3 });
      });
    });

    describe('verification after the rows were changed with SQL (guards dropped)', () => {
      const tampered = async (n: number, statements: (f: AuditFixture) => Promise<string[]> | string[], pageSize = 10) => {
        let result: ChainVerification | undefined;
        await withLog(n, async (f) => {
          await f.dropGuards();
          for (const statement of await statements(f)) await f.sql(statement);
          result = await verifyChain(f.log, { pageSize });
        });
        return problemOf(result!);
      };

      it('names an entry whose content was edited', async () => {
        expect(await tampered(40, () => [`UPDATE audit_log SET details = '{"rows":99}' WHERE seq = 17`])).toEqual({
          kind: 'altered',
          seq: 17,
          message: 'entry 17 was altered: its hash does not match its content',
        });
        expect(await tampered(40, () => [`UPDATE audit_log SET actor_id = 'u_0' WHERE seq = 21`])).toMatchObject({
          kind: 'altered',
          seq: 21,
        });
        // The same details written another way (a space): the stored text changed, so did the hash.
        expect(await tampered(40, () => [`UPDATE audit_log SET details = '{"rows": 3}' WHERE seq = 3`])).toMatchObject({
          kind: 'altered',
          seq: 3,
        });
        // Edited into something without a canonical text (a fraction): still named, not a crash.
        expect(await tampered(40, () => [`UPDATE audit_log SET details = '{"rows":1.5}' WHERE seq = 3`])).toMatchObject({
          kind: 'altered',
          seq: 3,
        });
        expect(await tampered(40, () => [`UPDATE audit_log SET details = 'not json' WHERE seq = 40`])).toMatchObject({
          kind: 'altered',
          seq: 40,
        });
      });

      it('names an entry edited with its hash recomputed, by the next entry chained to its old hash', async () => {
        const problem = await tampered(40, async (f) => {
          const [entry] = await f.log.read(17, 1);
          const edited = { ...entry!, details: { rows: 0 } };
          return [
            `UPDATE audit_log SET details = '{"rows":0}', hash = '${chainHash(edited.prevHash, contentText(edited))}' WHERE seq = 17`,
          ];
        });
        expect(problem).toMatchObject({
          kind: 'altered',
          seq: 17,
          message: expect.stringMatching(/^entry 17 was altered and its hash recomputed: entry 18 is chained/),
        });
      });

      it('names a removed entry: a gap in seq, several, the first one, or renumbered entries after it', async () => {
        expect(await tampered(40, () => ['DELETE FROM audit_log WHERE seq = 17'])).toEqual({
          kind: 'removed',
          seq: 17,
          message: 'entry 17 is missing: entry 18 follows entry 16',
        });
        // On a page boundary (pageSize 10): 20 is the last of a page.
        expect(await tampered(40, () => ['DELETE FROM audit_log WHERE seq BETWEEN 20 AND 22'])).toMatchObject({
          kind: 'removed',
          seq: 20,
          message: 'entries 20–22 are missing: entry 23 follows entry 19',
        });
        expect(await tampered(40, () => ['DELETE FROM audit_log WHERE seq = 1'])).toMatchObject({
          kind: 'removed',
          seq: 1,
          message: 'entry 1 is missing: entry 2 is the first',
        });
        const renumbered = await tampered(40, () => [
          'DELETE FROM audit_log WHERE seq = 17',
          'UPDATE audit_log SET seq = -seq WHERE seq > 17',
          'UPDATE audit_log SET seq = -seq - 1 WHERE seq < 0',
        ]);
        expect(renumbered).toEqual({
          kind: 'removed',
          seq: 17,
          message: 'entry 17 was removed and the entries after it renumbered: the entry at 17 was written as entry 18',
        });
      });

      it('names reordered entries, also across a page boundary', async () => {
        const swap = (a: number, b: number) => [
          `UPDATE audit_log SET seq = -1 WHERE seq = ${a}`,
          `UPDATE audit_log SET seq = ${a} WHERE seq = ${b}`,
          `UPDATE audit_log SET seq = ${b} WHERE seq = -1`,
        ];
        expect(await tampered(40, () => swap(17, 18))).toEqual({
          kind: 'reordered',
          seq: 17,
          message: 'entry 17 was moved: the entry at 17 was written as entry 18',
        });
        expect(await tampered(40, () => swap(10, 11))).toMatchObject({ kind: 'reordered', seq: 10 });
        expect(await tampered(40, () => swap(5, 9))).toMatchObject({
          kind: 'reordered',
          seq: 5,
          message: 'entry 5 was moved: the entry at 5 was written as entry 9',
        });
      });

      it('detects a cut tail only against an anchor, whether the tail was left cut or written anew', async () => {
        await withLog(40, async (f) => {
          const anchor = await anchorOf(f.log);
          expect(anchor).toMatchObject({ seq: 40, at: '2026-11-23T10:15:00.000Z' });
          expect(await verifyChain(f.log, { anchor })).toMatchObject({ ok: true, entries: 40 });
          await f.dropGuards();
          await f.sql('DELETE FROM audit_log WHERE seq > 30');
          // Without an anchor a cut tail looks like a shorter log: that is what anchors are for.
          expect(await verifyChain(f.log)).toMatchObject({ ok: true, entries: 30 });
          expect(problemOf(await verifyChain(f.log, { anchor }))).toEqual({
            kind: 'truncated',
            seq: 40,
            message: 'the log ends at entry 30 but the anchor taken at 2026-11-23T10:15:00.000Z names entry 40: entries 31–40 were removed',
          });
          await f.log.appendAll(entries(15).map((e) => ({ ...e, details: { rewritten: true } })));
          expect(problemOf(await verifyChain(f.log, { anchor, pageSize: 7 }))).toEqual({
            kind: 'truncated',
            seq: 40,
            message: 'entry 40 is not the one anchored at 2026-11-23T10:15:00.000Z: the log was cut and rewritten at or before entry 40',
          });
        });
      });
    });

    it('verifies an empty log, refuses to anchor it, and refuses use after close', async () => {
      const f = await h.fresh(fixedClock(AT));
      expect(await verifyChain(f.log)).toEqual({ ok: true, entries: 0, head: undefined });
      await expect(anchorOf(f.log)).rejects.toMatchObject({
        code: 'precondition-failed',
        message: 'the audit log is empty: there is nothing to anchor yet',
      });
      await f.log.close();
      await expect(f.log.append(testEntry(1))).rejects.toMatchObject({ code: 'closed' });
      await expect(f.log.read(1, 1)).rejects.toMatchObject({ code: 'closed' });
      await f.dispose();
    });
  });
}
