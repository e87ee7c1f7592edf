// The store contract's part on the registers: entries saved over the version read, listed by kind, status and due
// instant page by page, read back with every instant a Date.
import { describe, expect, it } from 'vitest';
import { changeEntry, entryDueAt, recordEntry, type RegisterEntry } from '../workflow/index.js';
import type { StoreFixture } from './contract.test-support.js';

const AT = new Date('2026-11-23T10:00:00Z');

function incident(id: string, detectedAt: Date, risk: 'none' | 'risk' = 'risk'): RegisterEntry {
  return recordEntry(
    'incident',
    id,
    {
      detectedAt: detectedAt.toISOString(),
      description: 'Support export mailed to the wrong customer',
      dataCategories: ['user.contact.email', 'user.billing.invoice'],
      approxPeople: 1,
      approxRecords: 14,
      risk,
      laws: ['gdpr', 'quebec'],
    },
    AT,
  );
}

export function describeRegisterContract(fresh: () => Promise<StoreFixture>): void {
  describe('registers', () => {
    it('saves entries with optimistic concurrency and reads them back as they were, instants as Dates', async () => {
      const { store, reopen } = await fresh();
      const open = incident('inc-1', new Date('2026-11-22T08:00:00Z'));
      await store.registers.create(open, entryDueAt(open, AT));
      await expect(store.registers.create(open)).rejects.toMatchObject({ code: 'conflict' });
      const read = await store.registers.get('inc-1');
      expect(read).toEqual({ entry: open, version: 1, dueAt: new Date('2026-11-25T08:00:00Z') });
      const { entry: notified } = changeEntry(open, { notification: { to: 'authority', law: 'gdpr', at: '2026-11-23T09:00:00Z' } }, AT);
      const saved = await store.registers.update(notified, { expectedVersion: 1, dueAt: entryDueAt(notified, AT) });
      expect([saved.version, saved.dueAt]).toEqual([2, undefined]);
      // Another staff member still holding version 1 closes it: refused, the notification stands.
      const other = await reopen();
      const { entry: closed } = changeEntry(open, { status: 'closed' }, AT);
      await expect(other.registers.update(closed, { expectedVersion: 1 })).rejects.toMatchObject({
        code: 'conflict',
        message: 'incident inc-1 was changed by someone else (it is at version 2, not 1): reload it and try again',
      });
      expect(await other.registers.get('inc-1')).toEqual({ entry: notified, version: 2 });
      await expect(store.registers.update(incident('ghost', AT), { expectedVersion: 1 })).rejects.toMatchObject({ code: 'not-found' });
      expect(await store.registers.get('ghost')).toBeUndefined();
    });

    it('lists by kind, status and due instant, newest first, page by page', async () => {
      const { store } = await fresh();
      const entries: RegisterEntry[] = [];
      for (let i = 0; i < 120; i++) {
        const at = new Date(AT.getTime() - (i % 40) * 3_600_000);
        const entry =
          i % 3 === 0
            ? recordEntry(
                'complaint',
                `cmp-${String(i).padStart(3, '0')}`,
                { receivedAt: at.toISOString(), from: { personRef: `p_${i}` }, subject: 'Late answer' },
                AT,
              )
            : incident(`inc-${String(i).padStart(3, '0')}`, at, i % 2 === 0 ? 'none' : 'risk');
        entries.push(entry);
      }
      for (const e of entries) await store.registers.create(e, entryDueAt(e, AT));
      const key = (e: RegisterEntry) => `${(e.kind === 'incident' ? e.detectedAt : e.receivedAt).toISOString()} ${e.id}`;
      const all: string[] = [];
      let after: string | undefined;
      do {
        const page = await store.registers.list({ kinds: ['incident'], statuses: ['open'] }, { after, limit: 7 });
        all.push(...page.items.map((s) => key(s.entry)));
        after = page.next;
      } while (after);
      expect(all).toEqual(
        entries
          .filter((e) => e.kind === 'incident')
          .map(key)
          .sort()
          .reverse(),
      );
      // Due before 2026-11-25T00:00Z: incidents at risk detected 72 hours before that at least.
      const due = await store.registers.list({ dueBefore: new Date('2026-11-25T00:00:00Z') }, { limit: 500 });
      const expected = entries.filter((e) => (entryDueAt(e, AT)?.getTime() ?? Infinity) < Date.parse('2026-11-25T00:00:00Z'));
      expect(due.items.map((s) => s.entry.id).sort()).toEqual(expected.map((e) => e.id).sort());
      expect(expected.length).toBeGreaterThan(0);
      expect((await store.registers.list({ kinds: ['authority-request'] })).items).toEqual([]);
      await expect(store.registers.list({}, { after: 'nonsense' })).rejects.toMatchObject({
        code: 'invalid-input',
        details: { field: 'after' },
      });
    });

    it('refuses to read an entry changed outside Custos into something it cannot read', async () => {
      const { store, sql } = await fresh();
      await store.registers.create(incident('inc-x', AT));
      await sql(`UPDATE register_entries SET body = '{"kind":"incident","id":"inc-x"}' WHERE id = 'inc-x'`);
      await expect(store.registers.get('inc-x')).rejects.toMatchObject({ code: 'store-error', details: { id: 'inc-x' } });
    });
  });
}
