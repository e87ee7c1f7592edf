// The store contract's part on Custos's own records (K5.5): what a retention sweep counts and removes from the store
// itself, every table diffed before and after.
import { describe, expect, it } from 'vitest';
import { transition } from '../workflow/transitions.js';
import { officer, request } from '../workflow/requests.test-support.js';
import type { StoreFixture } from './contract.test-support.js';
import type { OwnRecordBounds } from './desk/index.js';
import type { Store } from './store.js';

const at = (day: string) => new Date(`${day}T09:00:00Z`);

/** Every table the sweep may touch, as sorted lines naming each row (and the params an outbox message keeps). */
const TABLES: Readonly<Record<string, string>> = {
  requests: 'SELECT id AS line FROM requests',
  request_transitions: "SELECT request_id || '#' || seq AS line FROM request_transitions",
  outbox: "SELECT id || ' ' || params AS line FROM outbox",
  request_tokens: 'SELECT hash AS line FROM request_tokens',
  verification_codes: 'SELECT request_id AS line FROM verification_codes',
  rate_counts: "SELECT key || '@' || window_start AS line FROM rate_counts",
  identity_proofs: 'SELECT id AS line FROM identity_proofs',
  runs: 'SELECT id AS line FROM runs',
  run_log: "SELECT run_id || ':' || kind AS line FROM run_log",
  holds: 'SELECT run_id AS line FROM holds',
  plans: 'SELECT digest AS line FROM plans',
  users: 'SELECT id AS line FROM users',
};

async function snapshot(fixture: StoreFixture): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [table, sql] of Object.entries(TABLES)) out[table] = (await fixture.lines(sql)).sort();
  return out;
}

async function closeRequest(store: Store, id: string, received: string, closed: string): Promise<void> {
  const saved = await store.requests.create(request({ id, receivedAt: at(received) }), '2027-02-05');
  const cancelled = transition(saved.request, { type: 'cancel' }, { actor: officer, at: at(closed), reason: 'duplicate' });
  if (!cancelled.ok) throw cancelled.error;
  await store.requests.update(cancelled.request, { expectedVersion: 1, due: '2027-02-05', transitions: [cancelled.transition] });
}

/** A store holding a bit of everything, on both sides of each bound. */
async function seed(store: Store): Promise<void> {
  await closeRequest(store, 'req-old', '2027-01-05', '2027-01-20');
  await closeRequest(store, 'req-recent', '2027-01-06', '2028-01-10');
  await store.requests.create(request({ id: 'req-open', receivedAt: at('2027-01-04') }), '2027-02-04');
  const message = (id: string, requestId: string, template: string, params: Record<string, string>, queued: string) =>
    store.outbox.enqueue({ id, requestId, to: 'ada@example.com', template, language: 'en', params, queuedAt: at(queued) });
  await message('m-old-req', 'req-old', 'received', { requestId: 'req-old' }, '2027-01-05');
  await message('m-sent-old', 'req-open', 'received', { requestId: 'req-open' }, '2027-01-04');
  await store.outbox.markSent('m-sent-old', at('2027-01-04'));
  await message('m-sent-new', 'req-open', 'received', { requestId: 'req-open' }, '2028-01-04');
  await store.outbox.markSent('m-sent-new', at('2028-01-04'));
  await message('m-failed-code', 'req-open', 'verification-code', { requestId: 'req-open', code: '482913' }, '2028-01-05');
  await store.outbox.markAttemptFailed('m-failed-code', true);
  await message('m-queued-old', 'req-open', 'received', { requestId: 'req-open' }, '2027-01-04');
  await store.secrets.addToken({ hash: 'tok-old-req', purpose: 'status', requestId: 'req-old', createdAt: at('2027-01-05') });
  await store.secrets.addToken({ hash: 'tok-open', purpose: 'status', requestId: 'req-open', createdAt: at('2027-01-04') });
  const expiresAt = at('2028-02-01');
  await store.secrets.addToken({ hash: 'dl-used', purpose: 'download', requestId: 'req-open', createdAt: at('2028-01-01'), expiresAt });
  await store.secrets.useToken('dl-used', at('2028-01-02'));
  await store.secrets.addToken({ hash: 'dl-live', purpose: 'download', requestId: 'req-open', createdAt: at('2028-01-01'), expiresAt });
  await store.secrets.setCode({ requestId: 'req-open', hash: 'c', salt: 's', expiresAt: at('2028-01-03'), attempts: 0 });
  await store.secrets.setCode({ requestId: 'req-recent', hash: 'c', salt: 's', expiresAt: at('2029-01-01'), attempts: 0 });
  await store.secrets.hit('code-email', 'k-old', at('2028-01-01'));
  await store.secrets.hit('code-email', 'k-new', at('2028-02-01'));
  // A proof left for a closed request (the desk destroys them at closing: this one escaped), and one of an open request.
  const proof = { envelope: 'AQ5kay1', mediaType: 'image/png', size: 10, uploadedAt: at('2027-01-06') };
  await store.secrets.addProof({ ...proof, id: 'pf-recent', requestId: 'req-recent' });
  await store.secrets.addProof({ ...proof, id: 'pf-open', requestId: 'req-open' });
  for (const [id, finished] of [
    ['run-old', '2027-01-20'],
    ['run-held', '2027-01-20'],
    ['run-new', '2028-01-20'],
  ] as const) {
    await store.journal.open({ id, action: 'erase', plan: { p: 1 }, startedAt: at(finished) }, [{ stepId: 'a', intent: {} }]);
    await store.journal.finish(id, 'completed', { rows: 1 }, at(finished), {
      steps: [{ stepId: 'a' }],
      holds: id === 'run-held' ? [{ dataset: 'd', collection: 'c', key: '{"id":1}', hold: 'tax', runId: id }] : [],
    });
  }
  await store.journal.open({ id: 'run-running', action: 'erase', plan: { p: 1 }, startedAt: at('2027-01-01') });
}

export function describeOwnRecordsContract(fresh: () => Promise<StoreFixture>): void {
  describe("Custos's own records (K5.5)", () => {
    const bounds: OwnRecordBounds = {
      requestsClosedBy: at('2028-01-01'),
      messagesBy: at('2028-01-01'),
      journalsBy: at('2028-01-01'),
      now: at('2028-02-01'),
      secretParams: { 'verification-code': ['code'] },
    };

    it('counts what a sweep removes, removes exactly that, and a second sweep finds nothing', async () => {
      const fixture = await fresh();
      const { store } = fixture;
      await seed(store);
      const before = await snapshot(fixture);
      const expected = { requests: 1, messages: 1, secretsForgotten: 1, journals: 1, downloadLinks: 1, proofs: 1, codes: 2 };
      expect(await store.ownRecords.count(bounds)).toEqual(expected);
      expect(await snapshot(fixture)).toEqual(before);

      expect(await store.ownRecords.sweep(bounds, { batch: 1 })).toEqual(expected);
      const after = await snapshot(fixture);
      const gone = (table: string, ...lines: string[]) => before[table]!.filter((line) => !lines.includes(line));
      expect(after).toEqual({
        ...before,
        // The old closed request with its history, message and token; a recent one stays, as does an open one.
        requests: gone('requests', 'req-old'),
        request_transitions: gone('request_transitions', 'req-old#1'),
        outbox: [
          ...gone(
            'outbox',
            'm-old-req {"requestId":"req-old"}',
            'm-sent-old {"requestId":"req-open"}',
            'm-failed-code {"requestId":"req-open","code":"482913"}',
          ),
          // A failed message forgets its code; queued messages stay, whatever their age.
          'm-failed-code {"requestId":"req-open"}',
        ].sort(),
        request_tokens: gone('request_tokens', 'tok-old-req', 'dl-used'),
        verification_codes: gone('verification_codes', 'req-open'),
        rate_counts: gone('rate_counts', 'k-old@2028-01-01T09:00:00.000Z'),
        identity_proofs: gone('identity_proofs', 'pf-recent'),
        // A finished run past its period, unless a hold record names it; a running one stays, as do the shared plans.
        runs: gone('runs', 'run-old'),
        run_log: gone('run_log', 'run-old:intents', 'run-old:done'),
      });
      const zero = { requests: 0, messages: 0, secretsForgotten: 0, journals: 0, downloadLinks: 0, proofs: 0, codes: 0 };
      expect(await store.ownRecords.count(bounds)).toEqual(zero);
      expect(await store.ownRecords.sweep(bounds)).toEqual(zero);
      expect(await snapshot(fixture)).toEqual(after);
      // What is left still reads back whole.
      expect((await store.requests.get('req-recent'))?.request.status).toBe('cancelled');
      expect((await store.journal.get('run-held'))?.status).toBe('completed');
    });
  });
}
