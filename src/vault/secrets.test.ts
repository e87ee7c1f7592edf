// No failure of the vault shows key material or a sealed plaintext: every refusal is inspected in full for them.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { unwrapDataKey } from './aes-gcm.js';
import { envelopeKeyId } from './envelope.js';
import type { LiveDataKey } from './key-ring.js';
import { masterKeyFromText } from './master-key.js';
import { loadMasterKeys } from './master-key-source.js';
import { openMemoryKeyRing } from './memory/key-ring.js';
import { newMaster, NEW_MASTER_BYTES, OLD_MASTER_BYTES, oldMaster, testVault } from './vault.test-support.js';

/** The ways a secret could be written into a text: hex (either case) and base64 of the whole, hex of any 6 bytes of it. */
function exposures(secret: Buffer): string[] {
  const forms = [secret.toString('hex'), secret.toString('hex').toUpperCase(), secret.toString('base64'), secret.toString('base64url')];
  for (let at = 0; at + 6 <= secret.length; at += 1) forms.push(secret.subarray(at, at + 6).toString('hex'));
  return forms;
}

/** Everything an error shows: message, details, cause, stack, as inspected (what a logger would print). */
async function shownBy(failing: () => unknown): Promise<string> {
  try {
    await failing();
  } catch (error) {
    return `${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)} ${JSON.stringify((error as { details?: unknown }).details)}`;
  }
  throw new Error('expected a failure');
}

const PLAINTEXT = 'smtp password Tr0ub4dor&3';

describe('what failures show', () => {
  it('no refusal of a master key shows the key text, hex or base64', async () => {
    const candidates = [
      OLD_MASTER_BYTES.subarray(0, 20).toString('base64'),
      OLD_MASTER_BYTES.subarray(0, 31).toString('hex'),
      OLD_MASTER_BYTES.toString('hex').slice(0, 63),
      Buffer.concat([OLD_MASTER_BYTES, NEW_MASTER_BYTES]).toString('base64'),
      `${OLD_MASTER_BYTES.toString('base64')}!`,
    ];
    for (const text of candidates) {
      const shown = await shownBy(() => masterKeyFromText(text, 'CUSTOS_MASTER_KEY'));
      expect(shown).toContain('CUSTOS_MASTER_KEY');
      expect(shown).not.toContain(text.slice(0, 12));
      for (const form of exposures(OLD_MASTER_BYTES)) expect(shown).not.toContain(form);
    }
    const both = await shownBy(() =>
      loadMasterKeys({ CUSTOS_MASTER_KEY: OLD_MASTER_BYTES.toString('base64'), CUSTOS_MASTER_KEY_FILE: '/k' }),
    );
    for (const form of exposures(OLD_MASTER_BYTES)) expect(both).not.toContain(form);
  });

  it('no refusal to open, destroy or rotate shows a master key, a data key or the plaintext', async () => {
    const ring = openMemoryKeyRing();
    const vault = testVault(ring, oldMaster());
    const sealed = Buffer.from(await vault.seal('smtp', PLAINTEXT, 'aad'));
    const keyId = envelopeKeyId(sealed);
    const record = (await ring.get(keyId)) as LiveDataKey;
    const dataKey = unwrapDataKey(oldMaster(), record, record.wrapped)!;
    const proof = await vault.seal('identity-proof', PLAINTEXT);
    await vault.destroy('identity-proof', envelopeKeyId(proof));
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 20]! ^= 1;

    const failures = [
      () => vault.open(sealed, 'other aad'),
      () => vault.open(tampered, 'aad'),
      () => vault.open(proof),
      () => testVault().open(sealed, 'aad'),
      () => testVault(ring, newMaster()).open(sealed, 'aad'),
      () => vault.destroy('totp-seed', keyId),
      () => vault.destroy('smtp', 'dk_0000000000000000'),
      async () => {
        await ring.rewrap(keyId, oldMaster().id, oldMaster().id, Buffer.alloc(60, 3));
        await testVault(ring, oldMaster()).open(sealed, 'aad');
      },
    ];
    const secrets = [
      ...exposures(OLD_MASTER_BYTES),
      ...exposures(NEW_MASTER_BYTES),
      ...exposures(dataKey),
      PLAINTEXT,
      Buffer.from(PLAINTEXT).toString('hex'),
    ];
    for (const failing of failures) {
      const shown = await shownBy(failing);
      expect(shown).toMatch(/dk_[0-9a-f]{16}|mk_[0-9a-f]{16}/);
      for (const secret of secrets) expect(shown).not.toContain(secret);
    }
    const rotation = await testVault(ring, oldMaster()).rotateMaster(newMaster());
    expect(rotation.failures).toHaveLength(1);
    for (const secret of secrets) expect(JSON.stringify(rotation)).not.toContain(secret);
  });
});
