// The in-memory key ring against the contract, and what is its own: each ring is separate, and holds copies.
import { describe, expect, it } from 'vitest';
import { describeKeyRingContract, liveKey } from '../key-ring-contract.test-support.js';
import { openMemoryKeyRing } from './key-ring.js';

describeKeyRingContract('memory', () => ({ ring: openMemoryKeyRing(), dispose: () => undefined }));

describe('the in-memory key ring', () => {
  it('keeps each ring apart, and copies keys in and out so a caller changing bytes changes nothing stored', async () => {
    const [one, other] = [openMemoryKeyRing(), openMemoryKeyRing()];
    const added = liveKey('dk_a');
    await one.add(added);
    expect(await other.get('dk_a')).toBeUndefined();
    added.wrapped.fill(0);
    const read = await one.get('dk_a');
    expect(read).toMatchObject({ state: 'live', wrapped: Buffer.alloc(60, 'dk_a'.length) });
    if (read?.state === 'live') read.wrapped.fill(1);
    expect(await one.get('dk_a')).toMatchObject({ wrapped: Buffer.alloc(60, 'dk_a'.length) });
  });
});
