// A KeyRing in memory, for tests and for embedding without a store (its keys die with the process).
import { CustosError } from '../../errors.js';
import type { DestroyedDataKey, KeyRing, LiveDataKey, StoredDataKey } from '../key-ring.js';

export function openMemoryKeyRing(): KeyRing {
  const keys = new Map<string, StoredDataKey>();
  let closed = false;
  const live = () => {
    if (closed) throw new CustosError({ code: 'closed', message: 'the key ring is closed' });
  };
  const copy = (key: StoredDataKey): StoredDataKey => (key.state === 'live' ? { ...key, wrapped: Buffer.from(key.wrapped) } : { ...key });

  return {
    async get(id) {
      live();
      const key = keys.get(id);
      return key && copy(key);
    },
    async current(purpose) {
      live();
      for (const key of keys.values()) if (key.state === 'live' && key.current && key.purpose === purpose) return copy(key) as LiveDataKey;
      return undefined;
    },
    async add(key) {
      live();
      if (keys.has(key.id)) throw new CustosError({ code: 'conflict', message: `data key ${key.id} already exists in the key ring` });
      if (key.current)
        for (const [id, other] of keys)
          if (other.state === 'live' && other.current && other.purpose === key.purpose) keys.set(id, { ...other, current: false });
      keys.set(key.id, copy(key));
    },
    async rewrap(id, fromMasterId, toMasterId, wrapped) {
      live();
      const key = keys.get(id);
      if (key?.state !== 'live' || key.masterId !== fromMasterId) return false;
      keys.set(id, { ...key, masterId: toMasterId, wrapped: Buffer.from(wrapped) });
      return true;
    },
    async destroy(id, at) {
      live();
      const key = keys.get(id);
      if (key === undefined) return undefined;
      if (key.state === 'destroyed') return { ...key };
      key.wrapped.fill(0);
      const tombstone: DestroyedDataKey = { state: 'destroyed', id, purpose: key.purpose, createdAt: key.createdAt, destroyedAt: at };
      keys.set(id, tombstone);
      return { ...tombstone };
    },
    async wrappedByOthers(masterId, afterId, limit) {
      live();
      return [...keys.values()]
        .filter((k): k is LiveDataKey => k.state === 'live' && k.masterId !== masterId && k.id > afterId)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit)
        .map((k) => copy(k) as LiveDataKey);
    },
    async census() {
      live();
      const byMaster: Record<string, number> = {};
      let destroyed = 0;
      for (const key of keys.values()) {
        if (key.state === 'destroyed') destroyed += 1;
        else byMaster[key.masterId] = (byMaster[key.masterId] ?? 0) + 1;
      }
      return { byMaster, destroyed };
    },
    async close() {
      closed = true;
    },
  };
}
