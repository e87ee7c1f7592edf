// The PostgreSQL key ring against the contract, in a schema of its own that Custos's store migrated; and its refusals.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../store/index.js';
import { serviceUrl } from '../../../test/services.js';
import type { KeyRing } from '../key-ring.js';
import { describeKeyRingContract, liveKey } from '../key-ring-contract.test-support.js';
import { openPostgresKeyRing } from './key-ring.js';

const url = serviceUrl('postgres');
const schema = `custos_keyring_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Each test starts from an empty table: the ring is opened once the previous test's keys are gone. */
function freshRing(): KeyRing {
  const ready = sql(`TRUNCATE "${schema}".vault_data_keys`).then(() => openPostgresKeyRing(url!, { schema }));
  const later = async () => ready;
  return {
    get: async (id) => (await later()).get(id),
    current: async (purpose) => (await later()).current(purpose),
    add: async (key) => (await later()).add(key),
    rewrap: async (id, from, to, wrapped) => (await later()).rewrap(id, from, to, wrapped),
    destroy: async (id, at) => (await later()).destroy(id, at),
    wrappedByOthers: async (masterId, afterId, limit) => (await later()).wrappedByOthers(masterId, afterId, limit),
    census: async () => (await later()).census(),
    close: async () => (await later()).close(),
  };
}

describe.skipIf(!url)('postgres key ring', () => {
  beforeAll(async () => {
    const store = openPostgresStore(url!, { schema });
    await store.ready();
    await store.close();
  });
  afterAll(async () => sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));

  describeKeyRingContract('postgres', () => ({ ring: freshRing(), dispose: () => undefined }));

  it('keeps one current key per purpose when two processes add one at the same moment', async () => {
    const rings = [freshRing(), openPostgresKeyRing(url!, { schema })];
    await rings[0]!.get('dk_none');
    await Promise.all(rings.map((ring, i) => ring.add(liveKey(`dk_${i}`, { current: true }))));
    const current = await rings[0]!.current('totp-seed');
    const states = await Promise.all(['dk_0', 'dk_1'].map((id) => rings[1]!.get(id)));
    expect(states.filter((k) => k?.state === 'live' && k.current).map((k) => k!.id)).toEqual([current!.id]);
    await Promise.all(rings.map((r) => r.close()));
  });

  it('refuses a schema the store never migrated, naming the fix', async () => {
    const ring = openPostgresKeyRing(url!, { schema: `${schema}_missing` });
    await expect(ring.get('dk_a')).rejects.toMatchObject({
      code: 'config',
      message: expect.stringContaining("open Custos's store on this schema first"),
    });
    await ring.close();
  });
});
