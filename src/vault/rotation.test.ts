// Master rotation without downtime: a rotation cut off halfway leaves every key openable, and finishing it retires the old master.
import { describe, expect, it } from 'vitest';
import { CustosError } from '../errors.js';
import { envelopeKeyId } from './envelope.js';
import type { KeyRing } from './key-ring.js';
import { MasterKey } from './master-key.js';
import { openMemoryKeyRing } from './memory/key-ring.js';
import type { VaultPurpose } from './purposes.js';
import { newMaster, oldMaster, testVault } from './vault.test-support.js';

interface Sealed {
  readonly purpose: VaultPurpose;
  readonly text: string;
  readonly envelope: Uint8Array;
}

/** A ring holding 8 live keys (5 proofs, 2 TOTP keys after a data-key rotation, 1 SMTP) and 1 destroyed proof, all under the old master. */
async function sealedUnderOldMaster(ring: KeyRing): Promise<{ sealed: Sealed[]; shredded: Uint8Array }> {
  const vault = testVault(ring, oldMaster());
  const sealed: Sealed[] = [];
  const seal = async (purpose: VaultPurpose, text: string) =>
    sealed.push({ purpose, text, envelope: await vault.seal(purpose, text, text) });
  for (let i = 1; i <= 5; i += 1) await seal('identity-proof', `proof ${i}`);
  await seal('totp-seed', 'seed 1');
  await vault.rotateDataKey('totp-seed');
  await seal('totp-seed', 'seed 2');
  await seal('smtp', 'smtp password');
  const shredded = await vault.seal('identity-proof', 'proof shredded');
  await vault.destroy('identity-proof', envelopeKeyId(shredded));
  return { sealed, shredded };
}

/** The ring, failing like a process that dies after `n` re-wraps. */
function crashingAfter(ring: KeyRing, n: number): KeyRing {
  let done = 0;
  return {
    ...ring,
    async rewrap(...args) {
      if (done === n) throw new Error('process killed');
      done += 1;
      return ring.rewrap(...args);
    },
  };
}

async function openedTexts(ring: KeyRing, master: MasterKey, accepted: MasterKey[], sealed: readonly Sealed[]): Promise<string[]> {
  const vault = testVault(ring, master, accepted);
  return Promise.all(sealed.map(async (s) => (await vault.open(s.envelope, s.text)).toString()));
}

describe('rotateMaster', () => {
  it('cut off after 3 re-wraps, leaves every envelope openable while both masters are given, then finishes and retires the old master', async () => {
    const ring = openMemoryKeyRing();
    const { sealed, shredded } = await sealedUnderOldMaster(ring);
    const texts = sealed.map((s) => s.text);
    const [oldId, newId] = [oldMaster().id, newMaster().id];

    await expect(testVault(crashingAfter(ring, 3), oldMaster()).rotateMaster(newMaster())).rejects.toThrow('process killed');
    expect(await ring.census()).toEqual({ byMaster: { [oldId]: 5, [newId]: 3 }, destroyed: 1 });

    // Mid-rotation, each key is wrapped by exactly one master and records which: either master given first opens all.
    expect(await openedTexts(ring, newMaster(), [oldMaster()], sealed)).toEqual(texts);
    expect(await openedTexts(ring, oldMaster(), [newMaster()], sealed)).toEqual(texts);
    // …and neither alone suffices yet.
    await expect(openedTexts(ring, newMaster(), [], sealed)).rejects.toMatchObject({ code: 'config' });
    await expect(openedTexts(ring, oldMaster(), [], sealed)).rejects.toMatchObject({ code: 'config' });

    // A restarted process (new master, old still accepted) finishes: only the keys left behind are re-wrapped.
    const restarted = testVault(ring, newMaster(), [oldMaster()]);
    const finished = await restarted.rotateMaster(newMaster());
    expect(finished).toEqual({
      masterId: newId,
      rewrapped: 5,
      skipped: 0,
      failures: [],
      aborted: false,
      byMaster: { [newId]: 8 },
      complete: true,
    });

    // Afterwards the old master is no longer needed: the new one alone opens everything, and shredded stays shredded.
    expect(await openedTexts(ring, newMaster(), [], sealed)).toEqual(texts);
    await expect(testVault(ring, newMaster()).open(shredded, 'proof shredded')).rejects.toThrow(/was destroyed on/);
    expect(await restarted.rotateMaster(newMaster())).toMatchObject({ rewrapped: 0, complete: true });
  });

  it('wraps keys created during the rotation with the new master', async () => {
    const ring = openMemoryKeyRing();
    await sealedUnderOldMaster(ring);
    const vault = testVault(crashingAfter(ring, 2), oldMaster());
    await expect(vault.rotateMaster(newMaster())).rejects.toThrow('process killed');
    const proof = await vault.seal('identity-proof', 'proof during rotation');
    expect(await ring.get(envelopeKeyId(proof))).toMatchObject({ masterId: newMaster().id });
    expect(vault.masterId).toBe(newMaster().id);
  });

  it('reports a key wrapped by a master it was not given, re-wraps the others, and is not complete', async () => {
    const ring = openMemoryKeyRing();
    const { sealed } = await sealedUnderOldMaster(ring);
    const stranger = MasterKey.fromBytes(Buffer.from('00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210', 'hex'));
    const foreign = await testVault(ring, stranger).seal('identity-proof', 'proof under a third master');
    const result = await testVault(ring, oldMaster()).rotateMaster(newMaster());
    expect(result).toMatchObject({ rewrapped: 8, complete: false, byMaster: { [newMaster().id]: 8, [stranger.id]: 1 } });
    expect(result.failures).toEqual([
      {
        keyId: envelopeKeyId(foreign),
        masterId: stranger.id,
        code: 'config',
        message: `data key ${envelopeKeyId(foreign)} is wrapped by master key ${stranger.id}, which this process was not given: give it as CUSTOS_MASTER_KEY_PREVIOUS and run the rotation again`,
      },
    ]);
    expect(await openedTexts(ring, newMaster(), [], sealed)).toEqual(sealed.map((s) => s.text));
  });

  it('stops between two re-wraps when its signal is aborted, and a second run completes', async () => {
    const ring = openMemoryKeyRing();
    await sealedUnderOldMaster(ring);
    const controller = new AbortController();
    let rewraps = 0;
    const stopping: KeyRing = {
      ...ring,
      async rewrap(...args) {
        if (++rewraps === 2) controller.abort();
        return ring.rewrap(...args);
      },
    };
    const vault = testVault(stopping, oldMaster());
    expect(await vault.rotateMaster(newMaster(), { signal: controller.signal, pageSize: 3 })).toMatchObject({
      rewrapped: 2,
      aborted: true,
      complete: false,
    });
    expect(await vault.rotateMaster(newMaster(), { pageSize: 3 })).toMatchObject({ rewrapped: 6, aborted: false, complete: true });
  });

  it('refuses a page size that is not a whole number ≥ 1', async () => {
    await expect(testVault().rotateMaster(newMaster(), { pageSize: 0 })).rejects.toThrow(CustosError);
  });
});
