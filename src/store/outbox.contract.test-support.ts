// The store contract's part on the outbox's claims and recipients: a queued message held by one sender at a time (two
// store handles claiming at once never share one), claims that end by time or by marking; a person's messages by address.
import { describe, expect, it } from 'vitest';
import type { StoreFixture } from './contract.test-support.js';
import type { NewOutboxMessage } from './desk/index.js';

const AT = new Date('2026-11-23T10:00:00Z');
const MINUTE = 60_000;

const message = (id: string, to: string, minute: number): NewOutboxMessage => ({
  id,
  requestId: 'req-1',
  to,
  template: 'received',
  language: 'en',
  params: { requestId: 'req-1' },
  queuedAt: new Date(AT.getTime() + minute * MINUTE),
});

export function describeOutboxContract(fresh: () => Promise<StoreFixture>): void {
  describe('outbox claims and recipients', () => {
    it('claims each queued message for one sender until it is marked, released or its claim ends', async () => {
      const { store } = await fresh();
      for (let i = 1; i <= 5; i++) await store.outbox.enqueue(message(`m${i}`, 'ada@example.com', i));
      const first = await store.outbox.claim({ owner: 'pass-a', limit: 3, now: AT, leaseMs: 10 * MINUTE });
      expect(first.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
      expect(first[0]?.claimedUntil).toEqual(new Date(AT.getTime() + 10 * MINUTE));
      // Another sender gets the rest, never a message held.
      const second = await store.outbox.claim({ owner: 'pass-b', limit: 10, now: AT, leaseMs: 10 * MINUTE });
      expect(second.map((m) => m.id)).toEqual(['m4', 'm5']);
      expect(await store.outbox.claim({ owner: 'pass-c', limit: 10, now: AT, leaseMs: 10 * MINUTE })).toEqual([]);

      // Marking ends the claim; release gives back only the owner's.
      expect(await store.outbox.markSent('m1', AT)).toBe(true);
      expect(await store.outbox.get('m1')).not.toHaveProperty('claimedUntil');
      expect(await store.outbox.markAttemptFailed('m2', false)).toBe(true);
      await store.outbox.release(['m3', 'm4'], 'pass-a');
      const third = await store.outbox.claim({ owner: 'pass-c', limit: 10, now: AT, leaseMs: 60 * MINUTE });
      expect(third.map((m) => m.id)).toEqual(['m2', 'm3']);

      // A sender that died leaves its claim, which frees itself once it ends: m4 and m5 of pass-b, then.
      const before = await store.outbox.claim({ owner: 'pass-d', limit: 10, now: new Date(AT.getTime() + 9 * MINUTE), leaseMs: MINUTE });
      expect(before).toEqual([]);
      const after = await store.outbox.claim({ owner: 'pass-d', limit: 10, now: new Date(AT.getTime() + 10 * MINUTE), leaseMs: MINUTE });
      expect(after.map((m) => m.id)).toEqual(['m4', 'm5']);
      // A message no longer queued is never claimed, whatever its claim.
      expect(await store.outbox.markAttemptFailed('m4', true)).toBe(true);
      const later = await store.outbox.claim({ owner: 'pass-e', limit: 10, now: new Date(AT.getTime() + 60 * MINUTE), leaseMs: MINUTE });
      expect(later.map((m) => m.id)).toEqual(['m2', 'm3', 'm5']);
    });

    it('never hands one message to two store handles claiming at the same moment', async () => {
      const { store, reopen } = await fresh();
      const other = await reopen();
      for (let i = 0; i < 60; i++) await store.outbox.enqueue(message(`m${String(i).padStart(2, '0')}`, 'ada@example.com', i));
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 === 0 ? store : other).outbox.claim({ owner: `pass-${i}`, limit: 7, now: AT, leaseMs: MINUTE }),
        ),
      );
      const ids = claims.flatMap((c) => c.map((m) => m.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(60);
    });

    it('finds a person’s messages by address whatever its case, oldest first, and no one else’s', async () => {
      const { store } = await fresh();
      await store.outbox.enqueue(message('m2', 'Ada@Example.com', 2));
      await store.outbox.enqueue(message('m1', 'ada@example.com', 1));
      await store.outbox.enqueue(message('m3', 'grace@example.com', 3));
      await store.outbox.enqueue(message('m4', 'ada@example.com.evil.test', 4));
      expect(await store.outbox.markSent('m2', AT)).toBe(true);
      const found = await store.outbox.forRecipient('ADA@example.COM');
      expect(found.map((m) => [m.id, m.to, m.status])).toEqual([
        ['m1', 'ada@example.com', 'queued'],
        ['m2', 'Ada@Example.com', 'sent'],
      ]);
      expect(await store.outbox.forRecipient('nobody@example.com')).toEqual([]);
    });
  });
}
