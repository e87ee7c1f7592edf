// The vault: sealing and opening Custos's secrets, associated data, tampering, data-key rotation and crypto-shredding.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, envelopeKeyId, envelopeText } from './envelope.js';
import { openMemoryKeyRing } from './memory/key-ring.js';
import { openSqliteKeyRing } from './sqlite/key-ring.js';
import { newMaster, oldMaster, testVault } from './vault.test-support.js';

const SEED = 'JBSWY3DPEHPK3PXP';

describe('seal and open', () => {
  it('opens what it sealed, from bytes or base64url text, and the envelope does not hold the plaintext', async () => {
    const vault = testVault();
    const sealed = await vault.seal('totp-seed', SEED, 'user:u_7');
    expect(Buffer.from(sealed).includes(Buffer.from(SEED))).toBe(false);
    expect((await vault.open(sealed, 'user:u_7')).toString()).toBe(SEED);
    expect((await vault.open(envelopeText(sealed), 'user:u_7')).toString()).toBe(SEED);
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect(await vault.open(await vault.seal('smtp', bytes))).toEqual(bytes);
    expect((await vault.open(await vault.seal('smtp', ''))).length).toBe(0);
  });

  it('seals a shared purpose under its current key, created once even by concurrent first seals', async () => {
    const vault = testVault();
    const sealed = await Promise.all(Array.from({ length: 20 }, (_, i) => vault.seal('totp-seed', `seed ${i}`)));
    expect(new Set(sealed.map((s) => envelopeKeyId(s))).size).toBe(1);
    expect(envelopeKeyId(await vault.seal('smtp', 'password'))).not.toBe(envelopeKeyId(sealed[0]!));
    expect(await vault.census()).toEqual({ byMaster: { [oldMaster().id]: 2 }, destroyed: 0 });
  });

  it('seals every identity proof under a data key of its own', async () => {
    const vault = testVault();
    const a = await vault.seal('identity-proof', 'passport scan A', 'request:req_1');
    const b = await vault.seal('identity-proof', 'passport scan B', 'request:req_2');
    expect(envelopeKeyId(a)).not.toBe(envelopeKeyId(b));
    expect((await vault.open(b, 'request:req_2')).toString()).toBe('passport scan B');
  });

  it('refuses to open with other associated data than the sealing one, naming the key and the likely cause', async () => {
    const vault = testVault();
    const sealed = await vault.seal('identity-proof', 'passport scan', 'request:req_1');
    const message = `cannot open this value sealed under data key ${envelopeKeyId(sealed)}: its sealed bytes were altered, or the associated data given is not the one it was sealed with (a value copied to another record?)`;
    await expect(vault.open(sealed, 'request:req_2')).rejects.toThrow(message);
    await expect(vault.open(sealed)).rejects.toThrow(message);
    await expect(vault.open(sealed, 'request:req_2')).rejects.toMatchObject({
      code: 'store-error',
      details: { keyId: envelopeKeyId(sealed) },
    });
  });

  it('refuses an envelope with any byte of its nonce, ciphertext or tag changed, never returning garbage', async () => {
    const vault = testVault();
    const sealed = Buffer.from(await vault.seal('smtp', 'hunter2 is not a password'));
    const { keyId } = decodeEnvelope(sealed);
    const nonceAt = 2 + keyId.length;
    for (const at of [nonceAt, nonceAt + 11, nonceAt + 12, sealed.length - 17, sealed.length - 16, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at]! ^= 0x01;
      await expect(vault.open(tampered), `byte ${at}`).rejects.toThrow(
        `cannot open this value sealed under data key ${keyId}: its sealed bytes were altered`,
      );
    }
    await expect(vault.open(sealed.subarray(0, sealed.length - 1))).rejects.toMatchObject({ code: 'store-error' });
  });

  it('names a data key the key ring does not know (a changed key id, or an envelope from another store)', async () => {
    const sealed = Buffer.from(await testVault().seal('smtp', 'password'));
    const elsewhere = testVault();
    const keyId = envelopeKeyId(sealed);
    await expect(elsewhere.open(sealed)).rejects.toThrow(
      `cannot open this sealed value: its data key ${keyId} is not in the key ring (sealed with another store, or the key ring was restored from a backup older than the value)`,
    );
    await expect(elsewhere.open(sealed)).rejects.toMatchObject({ code: 'not-found' });
    const vault = testVault();
    const renamed = Buffer.from(await vault.seal('smtp', 'password'));
    renamed[5]! ^= 0x01;
    await expect(vault.open(renamed)).rejects.toThrow(
      `cannot open this sealed value: its data key ${envelopeKeyId(renamed)} is not in the key ring`,
    );
  });

  it('refuses an unknown purpose, naming the purposes', async () => {
    // @ts-expect-error: a purpose outside the list, as JavaScript callers can pass
    await expect(testVault().seal('passwords', 'x')).rejects.toThrow(
      'unknown vault purpose "passwords": use one of identity-proof, totp-seed, smtp, pseudonym',
    );
  });

  it('refuses use after close', async () => {
    const vault = testVault();
    const sealed = await vault.seal('smtp', 'password');
    await vault.close();
    await expect(vault.open(sealed)).rejects.toMatchObject({ code: 'closed', message: 'the vault is closed' });
  });

  it('never repeats a nonce: 10,000 seals under one key have 10,000 distinct nonces', async () => {
    const vault = testVault();
    const nonces = new Set<string>();
    const keys = new Set<string>();
    for (let i = 0; i < 10_000; i += 1) {
      const { nonce, keyId } = decodeEnvelope(await vault.seal('totp-seed', 'same seed'));
      nonces.add(Buffer.from(nonce).toString('hex'));
      keys.add(keyId);
    }
    expect(keys.size).toBe(1);
    expect(nonces.size).toBe(10_000);
  });
});

describe('the data keys in the key ring', () => {
  it('refuses to open when a wrapped key was altered in the store, naming the key and its master', async () => {
    const db = new Database(':memory:');
    const sealed = await testVault(openSqliteKeyRing(db)).seal('smtp', 'password');
    db.prepare('UPDATE vault_data_keys SET wrapped = ? WHERE id = ?').run(Buffer.alloc(60, 1), envelopeKeyId(sealed));
    await expect(testVault(openSqliteKeyRing(db)).open(sealed)).rejects.toThrow(
      `data key ${envelopeKeyId(sealed)} cannot be unwrapped by master key ${oldMaster().id}: its wrapped form in the key ring was altered or moved from another key`,
    );
  });

  it('refuses to open a key wrapped by a master this process was not given, saying how to give it', async () => {
    const ring = openMemoryKeyRing();
    const sealed = await testVault(ring, oldMaster()).seal('smtp', 'password');
    await expect(testVault(ring, newMaster()).open(sealed)).rejects.toThrow(
      `data key ${envelopeKeyId(sealed)} is wrapped by master key ${oldMaster().id}, which this process was not given (it has ${newMaster().id}): a master rotation is unfinished; set CUSTOS_MASTER_KEY_PREVIOUS to that key until it completes`,
    );
  });
});

describe('rotateDataKey', () => {
  it('gives new seals a new key while envelopes of the old key still open', async () => {
    const vault = testVault();
    const before = await vault.seal('totp-seed', 'old seed');
    const rotated = await vault.rotateDataKey('totp-seed');
    const after = await vault.seal('totp-seed', 'new seed');
    expect(envelopeKeyId(after)).toBe(rotated.id);
    expect(envelopeKeyId(before)).not.toBe(rotated.id);
    expect((await vault.open(before)).toString()).toBe('old seed');
    expect((await vault.open(after)).toString()).toBe('new seed');
  });

  it('refuses to rotate a purpose whose seals each have their own key', async () => {
    await expect(testVault().rotateDataKey('identity-proof')).rejects.toThrow(
      'identity-proof seals every value under a data key of its own: there is no current key to rotate',
    );
  });
});

describe('destroy', () => {
  it('makes every envelope of the key unopenable, saying when it was destroyed, and leaves other keys alone', async () => {
    const vault = testVault();
    const proof = await vault.seal('identity-proof', 'passport scan', 'request:req_1');
    const other = await vault.seal('identity-proof', 'driving licence', 'request:req_2');
    const keyId = envelopeKeyId(proof);
    expect(await vault.destroy('identity-proof', keyId)).toMatchObject({
      state: 'destroyed',
      id: keyId,
      destroyedAt: '2026-11-23T10:15:00.000Z',
    });
    await expect(vault.open(proof, 'request:req_1')).rejects.toThrow(
      `cannot open this sealed value: its data key ${keyId} (identity-proof) was destroyed on 2026-11-23T10:15:00.000Z, so it can no longer be opened by anyone`,
    );
    await expect(vault.open(proof, 'request:req_1')).rejects.toMatchObject({
      code: 'not-found',
      details: { destroyedAt: '2026-11-23T10:15:00.000Z' },
    });
    expect((await vault.open(other, 'request:req_2')).toString()).toBe('driving licence');
    expect(await vault.destroy('identity-proof', keyId)).toMatchObject({ destroyedAt: '2026-11-23T10:15:00.000Z' });
    expect(await vault.census()).toEqual({ byMaster: { [oldMaster().id]: 1 }, destroyed: 1 });
  });

  it('holds across processes: a vault that opened the value before is refused once another destroys the key', async () => {
    const ring = openMemoryKeyRing();
    const [desk, reviewer] = [testVault(ring), testVault(ring)];
    const proof = await desk.seal('identity-proof', 'passport scan');
    expect((await reviewer.open(proof)).toString()).toBe('passport scan'); // the reviewer's vault now caches the key
    await desk.destroy('identity-proof', envelopeKeyId(proof));
    await expect(reviewer.open(proof)).rejects.toThrow(/was destroyed on 2026-11-23T10:15:00.000Z/);
  });

  it('shreds a shared purpose by its current key: new seals then get a new key', async () => {
    const vault = testVault();
    const old = await vault.seal('smtp', 'old password');
    await vault.destroy('smtp', envelopeKeyId(old));
    const fresh = await vault.seal('smtp', 'new password');
    expect(envelopeKeyId(fresh)).not.toBe(envelopeKeyId(old));
    expect((await vault.open(fresh)).toString()).toBe('new password');
    await expect(vault.open(old)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a key of another purpose or an unknown key, destroying nothing', async () => {
    const vault = testVault();
    const seed = await vault.seal('totp-seed', SEED);
    const keyId = envelopeKeyId(seed);
    await expect(vault.destroy('identity-proof', keyId)).rejects.toThrow(
      `data key ${keyId} belongs to totp-seed, not identity-proof: nothing was destroyed`,
    );
    await expect(vault.destroy('identity-proof', 'dk_0000000000000000')).rejects.toThrow(
      'no data key dk_0000000000000000 in the key ring: nothing was destroyed',
    );
    expect((await vault.open(seed)).toString()).toBe(SEED);
  });
});
