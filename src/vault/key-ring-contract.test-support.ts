// The suite every KeyRing passes: one current key per purpose, compare-and-set re-wraps, tombstones, paging by master.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustosError } from '../errors.js';
import type { KeyRing, LiveDataKey } from './key-ring.js';

export function liveKey(id: string, overrides: Partial<LiveDataKey> = {}): LiveDataKey {
  return {
    state: 'live',
    id,
    purpose: 'totp-seed',
    createdAt: '2026-11-23T10:15:00.000Z',
    current: false,
    masterId: 'mk_old',
    wrapped: Buffer.alloc(60, id.length),
    ...overrides,
  };
}

export function describeKeyRingContract(name: string, fresh: () => { ring: KeyRing; dispose(): void }): void {
  describe(`${name} key ring contract`, () => {
    let ring: KeyRing;
    let dispose: () => void;
    beforeEach(() => {
      ({ ring, dispose } = fresh());
    });
    afterEach(async () => {
      await ring.close();
      dispose();
    });

    it('keeps one current key per purpose: adding a current key retires the previous one, other purposes untouched', async () => {
      await ring.add(liveKey('dk_a', { current: true }));
      await ring.add(liveKey('dk_s', { current: true, purpose: 'smtp' }));
      await ring.add(liveKey('dk_b', { current: true }));
      await ring.add(liveKey('dk_c', { current: false }));
      expect((await ring.current('totp-seed'))?.id).toBe('dk_b');
      expect((await ring.current('smtp'))?.id).toBe('dk_s');
      expect(await ring.current('pseudonym')).toBeUndefined();
      expect(await ring.get('dk_a')).toEqual(liveKey('dk_a', { current: false }));
    });

    it('refuses a second key with the same id as a conflict', async () => {
      await ring.add(liveKey('dk_a'));
      await expect(ring.add(liveKey('dk_a'))).rejects.toMatchObject({ code: 'conflict' });
    });

    it('re-wraps only a key still wrapped by the expected master', async () => {
      await ring.add(liveKey('dk_a'));
      const next = Buffer.alloc(60, 7);
      expect(await ring.rewrap('dk_a', 'mk_other', 'mk_new', next)).toBe(false);
      expect(await ring.rewrap('dk_a', 'mk_old', 'mk_new', next)).toBe(true);
      expect(await ring.rewrap('dk_a', 'mk_old', 'mk_newer', Buffer.alloc(60, 9))).toBe(false);
      expect(await ring.get('dk_a')).toMatchObject({ masterId: 'mk_new', wrapped: next });
      expect(await ring.rewrap('dk_missing', 'mk_old', 'mk_new', next)).toBe(false);
    });

    it('destroys a key into a tombstone that keeps its date, and never re-wraps or revives it', async () => {
      await ring.add(liveKey('dk_a', { current: true }));
      const tombstone = await ring.destroy('dk_a', '2026-12-01T00:00:00.000Z');
      const expected = {
        state: 'destroyed',
        id: 'dk_a',
        purpose: 'totp-seed',
        createdAt: '2026-11-23T10:15:00.000Z',
        destroyedAt: '2026-12-01T00:00:00.000Z',
      };
      expect(tombstone).toEqual(expected);
      expect(await ring.get('dk_a')).toEqual(expected);
      expect(await ring.current('totp-seed')).toBeUndefined();
      expect(await ring.rewrap('dk_a', 'mk_old', 'mk_new', Buffer.alloc(60))).toBe(false);
      expect(await ring.destroy('dk_a', '2027-01-01T00:00:00.000Z')).toEqual(expected);
      expect(await ring.destroy('dk_missing', '2027-01-01T00:00:00.000Z')).toBeUndefined();
    });

    it('pages the live keys wrapped by other masters in id order, and counts keys per master', async () => {
      for (const id of ['dk_e', 'dk_a', 'dk_d', 'dk_c', 'dk_b'])
        await ring.add(liveKey(id, { masterId: id === 'dk_c' ? 'mk_new' : 'mk_old' }));
      await ring.destroy('dk_d', '2026-12-01T00:00:00.000Z');
      const first = await ring.wrappedByOthers('mk_new', '', 2);
      expect(first.map((k) => k.id)).toEqual(['dk_a', 'dk_b']);
      expect((await ring.wrappedByOthers('mk_new', 'dk_b', 2)).map((k) => k.id)).toEqual(['dk_e']);
      expect(await ring.census()).toEqual({ byMaster: { mk_old: 3, mk_new: 1 }, destroyed: 1 });
    });

    it('refuses use after close', async () => {
      await ring.close();
      await expect(ring.get('dk_a')).rejects.toThrow(CustosError);
      await expect(ring.get('dk_a')).rejects.toMatchObject({ code: 'closed' });
    });
  });
}
