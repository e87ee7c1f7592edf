// The suite every Store passes against a real database: journals (open, resume, intents, attempts, completions, ends,
// records), shared plans, legal holds (with and without an end), request leases (an ended holder included).
import { spawnSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../audit/verify.js';
import { transition } from '../workflow/transitions.js';
import { agent, officer, request } from '../workflow/requests.test-support.js';
import { leaseOwner, ownerHasEnded } from './lease-owner.js';
import type { HoldRecord, Store } from './store.js';
import { describeOutboxContract } from './outbox.contract.test-support.js';
import { describeOwnRecordsContract } from './own-records.contract.test-support.js';
import { describeRegisterContract } from './registers.contract.test-support.js';

export interface StoreFixture {
  readonly store: Store;
  /** Runs SQL on the store's tables directly, as someone with access to the database can. */
  sql(statement: string): Promise<void>;
  /** Rows in one of the store's tables. */
  count(table: string): Promise<number>;
  /** The `line` column of each row a query on the store's tables returns. */
  lines(query: string): Promise<string[]>;
  /** Opens the same store again, as the next process to start would (the fixture closes it). */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

export interface StoreHarness {
  /** A new, empty store in a database (a file, a schema) of its own; entries of its audit log stamped at AT. */
  fresh(): Promise<StoreFixture>;
  /** The highest migration id this engine's code knows. */
  readonly latestMigration: number;
  /** How many migrations the code has (ids may leave gaps another branch fills). */
  readonly migrationCount: number;
}

export const AT = new Date('2026-11-23T10:00:00Z');

/** The owner token a process of this host that has already exited would have written. */
export function endedOwner(): string {
  const ran = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const mine = leaseOwner().split('|');
  return [mine[0], mine[1], ran.stdout, 'ended-run'].join('|');
}

/** The suite; `more` adds the concerns a later part of the contract covers, given the same fixture. */
export function describeStoreContract(name: string, harness: () => Promise<StoreHarness>): void {
  describe(`${name} store contract`, () => {
    let h: StoreHarness;
    let fixture: StoreFixture | undefined;
    beforeAll(async () => {
      h = await harness();
    });
    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });
    const fresh = async () => (fixture = await h.fresh());

    describe('journal', () => {
      it('opens a run with its intents in one write, and resumes it untouched when opened again', async () => {
        const { store } = await fresh();
        const run = {
          id: 'r',
          action: 'erase',
          plan: { steps: 2 },
          resolution: { identities: { email: ['ada@example.com'] } },
          startedAt: AT,
        };
        const opened = await store.journal.open(run, [{ stepId: 'a', intent: { rows: [1] } }]);
        expect(opened.resumed).toBe(false);
        expect(opened.run.status).toBe('running');
        const again = await store.journal.open({ ...run, plan: { steps: 3 }, resolution: {} }, [{ stepId: 'b', intent: {} }]);
        expect(again.resumed).toBe(true);
        expect(again.run.plan).toEqual({ steps: 2 });
        expect(again.run.resolution).toEqual({ identities: { email: ['ada@example.com'] } });
        expect([...again.run.steps.keys()]).toEqual(['a']);
        expect(again.run.startedAt).toEqual(AT);
        expect(await store.journal.get('nobody')).toBeUndefined();
      });

      it('folds intents, attempts and completions in order; the end marks its last steps done and drops the resolution', async () => {
        const { store, reopen } = await fresh();
        await store.journal.open({ id: 'r', action: 'erase', plan: {}, resolution: { identities: { email: ['x'] } }, startedAt: AT }, [
          { stepId: 'a', intent: { v: 1 } },
          { stepId: 'b', intent: { v: 1 } },
          { stepId: 'c', intent: { v: 1 } },
        ]);
        await store.journal.recordIntents('r', [{ stepId: 'b', intent: { v: 2 } }]);
        await store.journal.recordAttempt('r', [{ stepId: 'b', rows: 4 }], { steps: [{ stepId: 'a', result: { rows: 3 } }] });
        const midway = await store.journal.get('r');
        expect([...(midway?.steps.values() ?? [])]).toEqual([
          { stepId: 'a', intent: { v: 1 }, done: true, result: { rows: 3 } },
          { stepId: 'b', intent: { v: 2 }, done: false, result: undefined, attempted: 4 },
          { stepId: 'c', intent: { v: 1 }, done: false },
        ]);
        await store.journal.completeSteps('r', { steps: [{ stepId: 'b', result: { rows: 4 } }] });
        const finishedAt = new Date('2026-11-23T10:05:00Z');
        await store.journal.finish('r', 'completed', { ok: true }, finishedAt, { steps: [{ stepId: 'c' }] });
        // Another process reads what this one journaled.
        const ended = await (await reopen()).journal.get('r');
        expect(ended?.status).toBe('completed');
        expect(ended?.finishedAt).toEqual(finishedAt);
        expect(ended?.result).toEqual({ ok: true });
        // The resolution names the person: a run that has ended keeps none.
        expect(ended?.resolution).toBeUndefined();
        expect(ended?.steps.get('b')).toEqual({ stepId: 'b', intent: { v: 2 }, done: true, result: { rows: 4 }, attempted: 4 });
        expect(ended?.steps.get('c')).toEqual({ stepId: 'c', intent: { v: 1 }, done: true, result: undefined });
      });

      it('records a run with nothing to resume, refusing an id that belongs to another action', async () => {
        const { store } = await fresh();
        const done = {
          id: 'q',
          action: 'access',
          plan: { a: 1 },
          startedAt: AT,
          status: 'completed',
          result: { rows: 2 },
          finishedAt: AT,
        } as const;
        expect(await store.journal.record(done)).toBe(true);
        expect(await store.journal.record({ ...done, action: 'erase', result: { rows: 9 } })).toBe(false);
        expect((await store.journal.get('q'))?.result).toEqual({ rows: 2 });
        // The same action again (a repeated access request) replaces the record.
        expect(await store.journal.record({ ...done, status: 'blocked', result: { blocked: true } })).toBe(true);
        const run = await store.journal.get('q');
        expect([run?.action, run?.status, run?.result, run?.resolution]).toEqual(['access', 'blocked', { blocked: true }, undefined]);
      });

      it('keeps a plan shared by many runs once, each run keeping its own resolution', async () => {
        const { store, count } = await fresh();
        const plan = { action: 'erase', lookups: ['accounts.customers', 'accounts.invoices'] };
        await store.journal.open({ id: 'r1', action: 'erase', plan, resolution: { s: [1] }, startedAt: AT });
        await store.journal.open({ id: 'r2', action: 'erase', plan, resolution: { s: [2] }, startedAt: AT });
        const copy = JSON.parse(JSON.stringify(plan)) as unknown;
        await store.journal.record({
          id: 'r3',
          action: 'access',
          plan: copy,
          startedAt: AT,
          status: 'completed',
          result: {},
          finishedAt: AT,
        });
        expect((await store.journal.get('r2'))?.plan).toEqual(plan);
        expect((await store.journal.get('r1'))?.resolution).toEqual({ s: [1] });
        expect((await store.journal.get('r2'))?.resolution).toEqual({ s: [2] });
        expect(await count('plans')).toBe(1);
        expect(await count('runs')).toBe(3);
      });

      it('refuses to resume a run whose record a newer Custos wrote, or that was damaged outside Custos', async () => {
        const { store, sql } = await fresh();
        await store.journal.open({ id: 'newer', action: 'erase', plan: {}, startedAt: AT }, [{ stepId: 'a', intent: {} }]);
        await store.journal.open({ id: 'damaged', action: 'erase', plan: {}, startedAt: AT });
        await store.journal.finish('damaged', 'failed', {}, AT);
        await sql(`UPDATE run_log SET version = 9 WHERE run_id = 'newer'`);
        await sql(`UPDATE runs SET result = 'not json' WHERE id = 'damaged'`);
        await expect(store.journal.get('newer')).rejects.toMatchObject({
          code: 'precondition-failed',
          message:
            'run "newer" was journaled by a newer Custos (its intents record is version 9; this version reads up to 1): resume it with that newer version',
        });
        await expect(store.journal.get('damaged')).rejects.toMatchObject({
          code: 'store-error',
          message: expect.stringContaining('run "damaged" cannot be resumed: its journaled run record does not match its schema'),
        });
      });
    });

    describe('legal holds', () => {
      const hold = (i: number, more: Partial<HoldRecord> = {}): HoldRecord => ({
        dataset: 'billing',
        collection: 'billing.invoices',
        key: `{"id":${i}}`,
        hold: 'tax-records',
        until: '2030-01-01',
        runId: 'r',
        ...more,
      });

      it('registers many holds of one run with its completion, a hold named twice keeping its later end', async () => {
        const { store } = await fresh();
        await store.journal.open({ id: 'r', action: 'erase', plan: {}, startedAt: AT });
        const holds = Array.from({ length: 40 }, (_, i) => hold(i, i % 2 === 0 ? { from: 'issued_at' } : {}));
        await store.journal.finish('r', 'completed', {}, AT, { steps: [], holds: [...holds, { ...holds[3]!, until: '2031-06-30' }] });
        const kept = await store.holds.forRun('r');
        expect(kept).toHaveLength(40);
        expect(kept.find((h) => h.key === '{"id":3}')?.until).toBe('2031-06-30');
        expect(kept.filter((h) => h.from === 'issued_at')).toHaveLength(20);
        // A later run holding the same rows takes the hold over.
        await store.journal.open({ id: 'r2', action: 'erase', plan: {}, startedAt: AT });
        await store.journal.completeSteps('r2', { steps: [], holds: [hold(0, { runId: 'r2', until: '2032-01-01' })] });
        expect(await store.holds.forRun('r2')).toEqual([hold(0, { runId: 'r2', until: '2032-01-01' })]);
        expect(await store.holds.forRun('r')).toHaveLength(39);
        expect((await store.holds.endingBy(new Date('2030-12-31'))).map((h) => h.key)).not.toContain('{"id":3}');
        expect(await store.holds.endingBy(new Date('2030-12-31'))).toHaveLength(38);
      });

      it('keeps a hold without an end out of every retention sweep, and reads it back without one', async () => {
        const { store } = await fresh();
        await store.journal.open({ id: 'r', action: 'erase', plan: {}, startedAt: AT });
        const open: HoldRecord = { dataset: 'd', collection: 'd.c', key: '[{"customer_id":[7]}]', hold: 'litigation', runId: 'r' };
        await store.journal.completeSteps('r', { steps: [{ stepId: 'a' }], holds: [open, hold(1)] });
        expect(await store.holds.forRun('r')).toEqual([open, hold(1)]);
        expect((await store.holds.forRun('r'))[0]).not.toHaveProperty('until');
        expect(await store.holds.endingBy(new Date('9999-12-31'))).toEqual([hold(1)]);
        // In force: the one without an end always, the dated one until its day has passed.
        expect(await store.holds.inForce(new Date('2029-12-31T23:00:00Z'))).toEqual([open, hold(1)]);
        expect(await store.holds.inForce(new Date('2030-01-01T12:00:00Z'))).toEqual([open]);
      });
    });

    describe('request leases', () => {
      it('hold a request id for one owner at a time until released, the holder renewing it', async () => {
        const { store } = await fresh();
        const [a, b] = [leaseOwner(), leaseOwner()];
        expect(await store.leases.take('req', a, 60_000)).toEqual({ taken: true });
        const refused = await store.leases.take('req', b, 60_000);
        expect(refused.taken).toBe(false);
        if (!refused.taken) expect(refused.holder.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
        expect(await store.leases.take('other', b, 60_000)).toEqual({ taken: true });
        expect(await store.leases.take('req', a, 60_000)).toEqual({ taken: true });
        expect(await store.leases.renew('req', a, 60_000)).toBe(true);
        expect(await store.leases.renew('req', b, 60_000)).toBe(false);
        await store.leases.release('req', b);
        expect((await store.leases.take('req', b, 60_000)).taken).toBe(false);
        await store.leases.release('req', a);
        expect(await store.leases.take('req', b, 60_000)).toEqual({ taken: true });
        expect(await store.leases.renew('req', a, 60_000)).toBe(false);
      });

      it('let a lease that ran out, or whose holder ended on this host, be taken over; a remote holder is waited for', async () => {
        const { store, reopen } = await fresh();
        await store.leases.take('expired', leaseOwner(), -1);
        expect(await store.leases.take('expired', leaseOwner(), 60_000)).toEqual({ taken: true });
        const ended = endedOwner();
        expect(ownerHasEnded(ended)).toBe(true);
        await store.leases.take('crashed', ended, 60_000);
        expect(await store.leases.take('crashed', leaseOwner(), 60_000)).toEqual({ taken: true });
        const elsewhere = ['another-host', '', '1', 'run'].join('|');
        await store.leases.take('remote', elsewhere, 60_000);
        expect((await store.leases.take('remote', leaseOwner(), 60_000)).taken).toBe(false);
        // Another process of the store sees the same holders.
        const other = await reopen();
        expect((await other.leases.take('remote', leaseOwner(), 60_000)).taken).toBe(false);
        expect((await other.leases.take('crashed', leaseOwner(), 60_000)).taken).toBe(false);
      });

      it('give a free lease to exactly one of many owners taking it at once', async () => {
        const { store, reopen } = await fresh();
        const other = await reopen();
        const owners = Array.from({ length: 8 }, () => leaseOwner());
        const taken = await Promise.all(owners.map((o, i) => (i % 2 === 0 ? store : other).leases.take('contended', o, 60_000)));
        expect(taken.filter((t) => t.taken)).toHaveLength(1);
      });
    });

    describe('migrations', () => {
      it('are recorded once each, and a store a newer Custos migrated is refused naming both versions', async () => {
        const { sql, count, reopen } = await fresh();
        expect(await count('schema_migrations')).toBe(h.migrationCount);
        // Opening again applies nothing twice.
        await reopen();
        expect(await count('schema_migrations')).toBe(h.migrationCount);
        const future = h.latestMigration + 1;
        await sql(`INSERT INTO schema_migrations (id, applied_at) VALUES (${future}, CURRENT_TIMESTAMP)`);
        const refused = await reopen().catch((error: unknown) => error);
        expect(refused).toMatchObject({
          code: 'config',
          details: { applied: future, known: h.latestMigration },
          message: expect.stringMatching(
            new RegExp(
              `is at schema version ${future}, newer than this Custos knows \\(${h.latestMigration}\\): a newer Custos migrated it`,
            ),
          ),
        });
      });
    });

    describe('audit log', () => {
      it("lives in the store's own database: appended by one process, read and verified by the next", async () => {
        const { store, count, reopen } = await fresh();
        const first = await store.audit.append({
          actor: { kind: 'system', id: 'workflow' },
          action: 'request.created',
          subjects: { request: 'req_1' },
        });
        expect(first).toMatchObject({ seq: 1, at: AT.toISOString(), subjects: { request: 'req_1' } });
        await store.audit.appendAll([
          { actor: { kind: 'staff', id: 'u_1' }, action: 'person-data.viewed', subjects: { request: 'req_1' }, details: { rows: 3 } },
        ]);
        expect(await count('audit_log')).toBe(2);
        const other = await reopen();
        expect((await other.audit.head())?.seq).toBe(2);
        expect(await verifyChain(other.audit)).toMatchObject({ ok: true, entries: 2 });
        // Personal data stays out of the trail whatever the store.
        await expect(
          other.audit.append({
            actor: { kind: 'system', id: 'workflow' },
            action: 'request.created',
            subjects: { request: 'ada@example.com' },
          }),
        ).rejects.toMatchObject({ code: 'invalid-input' });
      });
    });

    describe('request desk', () => {
      it('saves requests with optimistic concurrency: a concurrent transition is a conflict, not a lost update', async () => {
        const { store, reopen } = await fresh();
        const received = request({ id: 'req-1' });
        await store.requests.create(received, '2028-02-29');
        await expect(store.requests.create(received, '2028-02-29')).rejects.toMatchObject({ code: 'conflict' });
        const verified = transition(received, { type: 'verify' }, { actor: agent, at: new Date('2028-02-01T09:00:00Z') });
        if (!verified.ok) throw verified.error;
        const saved = await store.requests.update(verified.request, {
          expectedVersion: 1,
          due: '2028-02-29',
          transitions: [verified.transition],
        });
        expect(saved.version).toBe(2);
        // Another desk agent, still holding version 1, cancels: refused, the verification stands.
        const other = await reopen();
        const cancelled = transition(
          received,
          { type: 'cancel' },
          { actor: officer, at: new Date('2028-02-01T09:01:00Z'), reason: 'duplicate' },
        );
        if (!cancelled.ok) throw cancelled.error;
        await expect(
          other.requests.update(cancelled.request, { expectedVersion: 1, due: '2028-02-29', transitions: [cancelled.transition] }),
        ).rejects.toMatchObject({
          code: 'conflict',
          message: 'request req-1 was changed by someone else (it is at version 2, not 1): reload it and decide again',
        });
        const now = await other.requests.get('req-1');
        expect([now?.version, now?.request.status, now?.request.receivedAt]).toEqual([2, 'verified', received.receivedAt]);
        expect(await other.requests.history('req-1')).toEqual([verified.transition]);
        await expect(store.requests.update(request({ id: 'ghost' }), { expectedVersion: 1, due: '2028-02-29' })).rejects.toMatchObject({
          code: 'not-found',
        });
      });

      it('queues the messages a change sends in the same write: a refused change queues none', async () => {
        const { store } = await fresh();
        const received = request({ id: 'req-m' });
        await store.requests.create(received, '2028-02-29');
        const verified = transition(received, { type: 'verify' }, { actor: agent, at: new Date('2028-02-01T09:00:00Z') });
        if (!verified.ok) throw verified.error;
        const message = (id: string) => ({
          id,
          requestId: 'req-m',
          to: 'ada@example.com',
          template: 'received',
          language: 'en',
          params: { requestId: 'req-m' },
          queuedAt: new Date('2028-02-01T09:00:00Z'),
        });
        await store.requests.update(verified.request, { expectedVersion: 1, due: '2028-02-29', messages: [message('m-sent')] });
        expect((await store.outbox.get('m-sent'))?.status).toBe('queued');
        // A stale version: the change is refused, and its message is not queued either.
        await expect(
          store.requests.update(verified.request, { expectedVersion: 1, due: '2028-02-29', messages: [message('m-lost')] }),
        ).rejects.toMatchObject({ code: 'conflict' });
        expect(await store.outbox.get('m-lost')).toBeUndefined();
      });

      it('lists requests by kind, status, jurisdiction and due day, page by page, 10,000 open requests included', async () => {
        const { store } = await fresh();
        const kinds = ['access', 'erasure'] as const;
        const due = (i: number) => `2028-03-${String((i % 28) + 1).padStart(2, '0')}`;
        const all = Array.from({ length: 10_000 }, (_, i) => ({
          r: request({ id: `req-${String(i).padStart(5, '0')}`, kind: kinds[i % 2] }),
          due: due(i),
        }));
        for (let i = 0; i < all.length; i += 50)
          await Promise.all(all.slice(i, i + 50).map(({ r, due: d }) => store.requests.create(r, d)));
        let after: string | undefined;
        const seen: string[] = [];
        let pages = 0;
        do {
          const page = await store.requests.list(
            { kinds: ['erasure'], statuses: ['received'], jurisdiction: 'gdpr', dueBefore: '2028-03-15' },
            { after, limit: 200 },
          );
          seen.push(...page.items.map((s) => `${s.due} ${s.request.id}`));
          after = page.next;
          pages++;
        } while (after);
        const expected = all
          .filter(({ r, due: d }) => r.kind === 'erasure' && d < '2028-03-15')
          .map(({ r, due: d }) => `${d} ${r.id}`)
          .sort();
        expect(seen).toEqual(expected);
        expect(pages).toBe(Math.ceil(expected.length / 200));
        // Counted without reading them: as many as the pages held, and all 10,000 without a filter.
        expect(
          await store.requests.count({ kinds: ['erasure'], statuses: ['received'], jurisdiction: 'gdpr', dueBefore: '2028-03-15' }),
        ).toBe(expected.length);
        expect(await store.requests.count()).toBe(10_000);
        expect(await store.requests.count({ jurisdiction: 'ccpa' })).toBe(0);
        expect((await store.requests.list({ jurisdiction: 'ccpa' })).items).toEqual([]);
        await expect(store.requests.list({}, { after: 'nonsense' })).rejects.toMatchObject({
          code: 'invalid-input',
          details: { field: 'after' },
        });
      });

      it('filters requests by channel and a due window, and pages the outbox newest first, per request too', async () => {
        const { store } = await fresh();
        const channels = ['web', 'email', 'post'] as const;
        for (let i = 0; i < 9; i++) await store.requests.create(request({ id: `req-${i}`, channel: channels[i % 3] }), `2028-03-0${i + 1}`);
        const posted = await store.requests.list({ channels: ['post'], dueFrom: '2028-03-04', dueBefore: '2028-03-09' });
        expect(posted.items.map((r) => [r.request.id, r.request.channel, r.due])).toEqual([['req-5', 'post', '2028-03-06']]);
        expect((await store.requests.list({ channels: [] })).items).toEqual([]);
        expect(await store.requests.count({ channels: ['post'], dueFrom: '2028-03-04', dueBefore: '2028-03-09' })).toBe(1);
        expect(await store.requests.count({ channels: [] })).toBe(0);
        const base = { to: 'ada@example.com', template: 'receipt', language: 'en', params: { code: '123456' } };
        for (let i = 0; i < 5; i++)
          await store.outbox.enqueue({ ...base, id: `m${i}`, requestId: `req-${i % 2}`, queuedAt: new Date(AT.getTime() + i * 1000) });
        const first = await store.outbox.list({}, { limit: 2 });
        expect(first.items.map((m) => m.id)).toEqual(['m4', 'm3']);
        const rest = await store.outbox.list({}, { after: first.next, limit: 10 });
        expect(rest.items.map((m) => m.id)).toEqual(['m2', 'm1', 'm0']);
        expect(rest.next).toBeUndefined();
        expect((await store.outbox.list({ requestId: 'req-1' })).items.map((m) => m.id)).toEqual(['m3', 'm1']);
        await expect(store.outbox.list({}, { after: 'nonsense' })).rejects.toMatchObject({ details: { field: 'after' } });
      });

      it("reads the dashboard's activity: open requests, and those received or closed since a day, closing instants kept", async () => {
        const { store } = await fresh();
        const at = (day: string) => new Date(`${day}T09:00:00Z`);
        // Old and still open; old and closed long ago; old, closed recently; received recently and open.
        await store.requests.create(request({ id: 'old-open', receivedAt: at('2027-01-04') }), '2027-02-04');
        for (const [id, received, closed] of [
          ['old-closed', '2027-01-05', '2027-01-20'],
          ['late-closed', '2027-01-06', '2028-01-10'],
        ] as const) {
          const saved = await store.requests.create(request({ id, receivedAt: at(received) }), '2027-02-05');
          const cancelled = transition(saved.request, { type: 'cancel' }, { actor: officer, at: at(closed), reason: 'duplicate' });
          if (!cancelled.ok) throw cancelled.error;
          await store.requests.update(cancelled.request, { expectedVersion: 1, due: '2027-02-05', transitions: [cancelled.transition] });
        }
        await store.requests.create(request({ id: 'new-open', receivedAt: at('2028-01-12') }), '2028-02-12');
        const seen = await store.requests.activity(at('2028-01-01'));
        const byReceipt = [...seen].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
        expect(byReceipt).toEqual([
          { status: 'received', due: '2027-02-04', receivedAt: at('2027-01-04') },
          { status: 'cancelled', due: '2027-02-05', receivedAt: at('2027-01-06'), closedAt: at('2028-01-10') },
          { status: 'received', due: '2028-02-12', receivedAt: at('2028-01-12') },
        ]);
      });

      it('keeps staff users unique by e-mail whatever its case, hashes and envelopes as given', async () => {
        const { store } = await fresh();
        const ada = {
          id: 'u1',
          email: 'Ada@Example.com',
          role: 'officer',
          passwordHash: '$argon2id$v=19$abc',
          disabled: false,
          createdAt: AT,
        } as const;
        await store.users.create(ada);
        const error = await store.users.create({ ...ada, id: 'u2', email: 'ada@EXAMPLE.com' }).catch((e: unknown) => e);
        expect(error).toMatchObject({
          code: 'conflict',
          message: 'user u2 cannot be created: its id or e-mail address belongs to another user',
        });
        expect(String((error as Error).message)).not.toMatch(/example\.com/i);
        expect(await store.users.byEmail('ADA@example.COM')).toEqual(ada);
        const enrolled = await store.users.update('u1', { totpSeed: 'v1.sealed.totp', disabled: true });
        expect(enrolled).toEqual({ ...ada, totpSeed: 'v1.sealed.totp', disabled: true });
        expect(await store.users.list()).toEqual([enrolled]);
        await expect(store.users.update('nobody', { disabled: true })).rejects.toMatchObject({ code: 'not-found' });
      });

      it("keeps a user's TOTP state: a pending seed, then the confirmed one, its last step only ever raised", async () => {
        const { store, reopen } = await fresh();
        const grace = {
          id: 'u1',
          email: 'grace@example.com',
          role: 'admin',
          passwordHash: '$argon2id$v=19$x',
          disabled: false,
          createdAt: AT,
        } as const;
        await store.users.create(grace);
        // No confirmed seed yet: no step to raise.
        expect(await store.users.recordTotpStep('u1', 5)).toBe(false);
        await store.users.update('u1', { pendingTotpSeed: 'v1.sealed.pending' });
        expect(await store.users.get('u1')).toEqual({ ...grace, pendingTotpSeed: 'v1.sealed.pending' });
        const confirmedAt = new Date('2026-11-23T10:01:00Z');
        const confirmed = await store.users.update('u1', {
          totpSeed: 'v1.sealed.pending',
          totpConfirmedAt: confirmedAt,
          totpLastStep: 59_000_000,
          pendingTotpSeed: undefined,
        });
        expect(confirmed).toEqual({ ...grace, totpSeed: 'v1.sealed.pending', totpConfirmedAt: confirmedAt, totpLastStep: 59_000_000 });
        expect(confirmed).not.toHaveProperty('pendingTotpSeed');
        // A code is spent once: the same step again, or an older one, is refused; two sign-ins racing, one wins.
        expect(await store.users.recordTotpStep('u1', 59_000_000)).toBe(false);
        expect(await store.users.recordTotpStep('u1', 58_999_999)).toBe(false);
        const other = await reopen();
        const raced = await Promise.all([store.users.recordTotpStep('u1', 59_000_001), other.users.recordTotpStep('u1', 59_000_001)]);
        expect(raced.filter(Boolean)).toHaveLength(1);
        expect((await other.users.get('u1'))?.totpLastStep).toBe(59_000_001);
        expect(await store.users.recordTotpStep('nobody', 1)).toBe(false);
      });

      it('keeps staff sessions by id hash: touched, ended one by one, per staff member, or when idle or too old', async () => {
        const { store, count } = await fresh();
        for (const id of ['u1', 'u2'])
          await store.users.create({ id, email: `${id}@example.com`, role: 'analyst', passwordHash: 'h', disabled: false, createdAt: AT });
        const at = (minutes: number) => new Date(AT.getTime() + minutes * 60_000);
        const session = (idHash: string, staffId: string, createdAt: Date, lastSeenAt = createdAt) =>
          ({ idHash, staffId, stage: 'complete', csrfSecret: `csrf-${idHash}`, createdAt, lastSeenAt }) as const;
        await store.staffSessions.create(session('h1', 'u1', at(0)));
        await store.staffSessions.create({ ...session('h2', 'u1', at(0)), stage: 'totp-enrolment' });
        await store.staffSessions.create(session('h3', 'u2', at(-13 * 60), at(100)));
        await store.staffSessions.create(session('h4', 'u2', at(90)));
        await expect(store.staffSessions.create(session('h1', 'u2', at(0)))).rejects.toMatchObject({ code: 'conflict' });
        expect(await store.staffSessions.get('h2')).toEqual({ ...session('h2', 'u1', at(0)), stage: 'totp-enrolment' });
        expect(await store.staffSessions.touch('h1', at(95))).toBe(true);
        expect(await store.staffSessions.touch('ghost', at(95))).toBe(false);
        expect((await store.staffSessions.get('h1'))?.lastSeenAt).toEqual(at(95));
        await store.staffSessions.delete('h4');
        expect(await store.staffSessions.get('h4')).toBeUndefined();
        // At AT+120min, idle after 30 minutes, at most 12 hours: h2 went idle, h3 is too old though busy, h1 lives.
        expect(await store.staffSessions.purgeExpired({ idleBefore: at(90), createdBefore: at(120 - 12 * 60) })).toBe(2);
        expect(await count('staff_sessions')).toBe(1);
        expect(await store.staffSessions.deleteForStaff('u2')).toBe(0);
        expect(await store.staffSessions.deleteForStaff('u1')).toBe(1);
        expect(await store.staffSessions.get('h1')).toBeUndefined();
      });

      it('keeps API keys with their scopes, records their use, and stops recording it once revoked', async () => {
        const { store } = await fresh();
        await store.apiKeys.create({ id: 'k1', secretHash: 'sha256:abc', scopes: ['requests:read', 'requests:write'], createdAt: AT });
        const used = new Date('2026-11-24T08:00:00Z');
        expect(await store.apiKeys.touch('k1', used)).toBe(true);
        expect(await store.apiKeys.revoke('k1', used)).toBe(true);
        expect(await store.apiKeys.revoke('k1', used)).toBe(false);
        expect(await store.apiKeys.touch('k1', new Date('2026-11-25T08:00:00Z'))).toBe(false);
        expect(await store.apiKeys.get('k1')).toEqual({
          id: 'k1',
          secretHash: 'sha256:abc',
          scopes: ['requests:read', 'requests:write'],
          createdAt: AT,
          revokedAt: used,
          lastUsedAt: used,
        });
        expect(await store.apiKeys.touch('nope', used)).toBe(false);
      });

      it('queues outbox messages oldest first, counting attempts until sent or given up', async () => {
        const { store } = await fresh();
        const base = { to: 'ada@example.com', template: 'receipt', language: 'fr-CA', params: { request: 'req-1' }, body: 'sealed:v1:xyz' };
        await store.outbox.enqueue({ ...base, id: 'm2', queuedAt: new Date('2026-11-23T10:02:00Z') });
        await store.outbox.enqueue({ ...base, id: 'm1', requestId: 'req-1', queuedAt: new Date('2026-11-23T10:01:00Z') });
        expect((await store.outbox.queued(10)).map((m) => m.id)).toEqual(['m1', 'm2']);
        expect(await store.outbox.markAttemptFailed('m1', false)).toBe(true);
        expect(await store.outbox.markSent('m1', AT)).toBe(true);
        expect(await store.outbox.markSent('m1', AT)).toBe(false);
        expect(await store.outbox.markAttemptFailed('m2', true)).toBe(true);
        expect(await store.outbox.get('m1')).toEqual({
          ...base,
          id: 'm1',
          requestId: 'req-1',
          queuedAt: new Date('2026-11-23T10:01:00Z'),
          status: 'sent',
          attempts: 2,
          sentAt: AT,
        });
        expect((await store.outbox.get('m2'))?.status).toBe('failed');
        expect(await store.outbox.queued(10)).toEqual([]);
      });

      it('forgets the params it is told to once a message is sent, and only then', async () => {
        const { store } = await fresh();
        const params = { requestId: 'req-1', code: '123456', validMinutes: '10' };
        const base = { to: 'ada@example.com', template: 'verification-code', language: 'en', params, queuedAt: AT };
        await store.outbox.enqueue({ ...base, id: 'm1' });
        await store.outbox.enqueue({ ...base, id: 'm2' });
        expect(await store.outbox.markAttemptFailed('m1', false)).toBe(true);
        expect((await store.outbox.get('m1'))?.params).toEqual(params); // still to be sent: the code is kept
        expect(await store.outbox.markSent('m1', AT, ['code', 'absent'])).toBe(true);
        expect(await store.outbox.get('m1')).toMatchObject({
          status: 'sent',
          attempts: 2,
          params: { requestId: 'req-1', validMinutes: '10' },
        });
        expect(JSON.stringify(await store.outbox.get('m1'))).not.toContain('123456');
        // A message marked already is neither marked again nor changed.
        expect(await store.outbox.markSent('m1', AT, ['validMinutes'])).toBe(false);
        expect((await store.outbox.get('m1'))?.params).toEqual({ requestId: 'req-1', validMinutes: '10' });
        expect(await store.outbox.markAttemptFailed('m2', true)).toBe(true);
        expect(await store.outbox.markSent('m2', AT, ['code'])).toBe(false);
        expect((await store.outbox.get('m2'))?.params).toEqual(params);
      });

      it('uses a download token once and never after it expires; a status token stays valid', async () => {
        const { store } = await fresh();
        const later = new Date(AT.getTime() + 7 * 86_400_000);
        await store.secrets.addToken({
          hash: 'h-dl',
          purpose: 'download',
          requestId: 'req-1',
          createdAt: AT,
          expiresAt: later,
          file: 'p/req-1.zip',
        });
        await store.secrets.addToken({ hash: 'h-old', purpose: 'download', requestId: 'req-1', createdAt: AT, expiresAt: AT });
        await store.secrets.addToken({ hash: 'h-st', purpose: 'status', requestId: 'req-1', createdAt: AT });
        await expect(store.secrets.addToken({ hash: 'h-st', purpose: 'status', requestId: 'req-2', createdAt: AT })).rejects.toMatchObject({
          code: 'conflict',
        });
        const [first, second] = await Promise.all([store.secrets.useToken('h-dl', AT), store.secrets.useToken('h-dl', AT)]);
        expect([first, second].filter(Boolean)).toHaveLength(1);
        expect(first ?? second).toMatchObject({ requestId: 'req-1', purpose: 'download', file: 'p/req-1.zip' });
        expect(await store.secrets.useToken('h-old', AT)).toBeUndefined();
        expect((await store.secrets.expiredTokens('download', AT, 10)).map((t) => t.hash)).toEqual(['h-old']);
        expect(await store.secrets.expiredTokens('download', later, 10)).toHaveLength(1); // the used one is not listed
        expect(await store.secrets.dropToken('h-old')).toBe(true);
        expect(await store.secrets.dropToken('h-old')).toBe(false);
        expect(await store.secrets.token('h-st')).toEqual({ hash: 'h-st', purpose: 'status', requestId: 'req-1', createdAt: AT });
        await store.secrets.dropTokens('req-1', 'download');
        expect(await store.secrets.token('h-dl')).toBeUndefined();
        expect(await store.secrets.token('h-st')).toBeDefined();
      });

      it('counts attempts at a code up to its limit, a new code starting again from none', async () => {
        const { store } = await fresh();
        const code = { requestId: 'req-1', hash: 'c1', salt: 's1', expiresAt: AT, attempts: 0 };
        await store.secrets.setCode(code);
        const counts = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => store.secrets.countCodeAttempt('req-1', 5)));
        expect(counts.filter((n) => n !== undefined).sort()).toEqual([1, 2, 3, 4, 5]);
        expect(await store.secrets.code('req-1')).toEqual({ ...code, attempts: 5 });
        await store.secrets.setCode({ ...code, hash: 'c2' });
        expect(await store.secrets.countCodeAttempt('req-1', 5)).toBe(1);
        await store.secrets.dropCode('req-1');
        expect(await store.secrets.code('req-1')).toBeUndefined();
        expect(await store.secrets.countCodeAttempt('req-1', 5)).toBeUndefined();
      });

      it('counts rate events per key and window, as two processes sharing the store agree', async () => {
        const { store, reopen } = await fresh();
        const other = await reopen();
        const hour = new Date('2026-11-23T10:00:00Z');
        const counts = await Promise.all([store, other, store, other].map((s) => s.secrets.hit('code-email', 'k1', hour)));
        expect(counts.sort()).toEqual([1, 2, 3, 4]);
        expect(await other.secrets.hit('code-ip', 'k1', hour)).toBe(1);
        expect(await store.secrets.hit('code-email', 'k1', new Date('2026-11-23T11:00:00Z'))).toBe(1);
        expect(await fixture!.count('rate_counts')).toBe(2);
      });

      it('keeps identity proofs as envelopes with their type and size, removed once', async () => {
        const { store } = await fresh();
        const proof = { id: 'pf-1', requestId: 'req-1', envelope: 'AQ5kay1', mediaType: 'image/png', size: 2048, uploadedAt: AT };
        await store.secrets.addProof(proof);
        expect(await store.secrets.proofs('req-1')).toEqual([proof]);
        expect(await store.secrets.dropProof('pf-1')).toBe(true);
        expect(await store.secrets.dropProof('pf-1')).toBe(false);
        expect(await store.secrets.proofs('req-1')).toEqual([]);
      });
    });

    describeRegisterContract(fresh);
    describeOutboxContract(fresh);
    describeOwnRecordsContract(fresh);
  });
}
