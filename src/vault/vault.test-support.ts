// Fixtures of the vault's tests: fixed master keys and a vault over an in-memory ring at a fixed time.
import { fixedClock } from '../clock.js';
import type { KeyRing } from './key-ring.js';
import { MasterKey } from './master-key.js';
import { openMemoryKeyRing } from './memory/key-ring.js';
import { openVault, type Vault, type VaultOptions } from './vault.js';

export const OLD_MASTER_BYTES = Buffer.from('8f1c2a9b3e4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829304a5b6c7d8', 'hex');
export const NEW_MASTER_BYTES = Buffer.from('1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809', 'hex');
export const oldMaster = (): MasterKey => MasterKey.fromBytes(OLD_MASTER_BYTES);
export const newMaster = (): MasterKey => MasterKey.fromBytes(NEW_MASTER_BYTES);
export const AT = new Date('2026-11-23T10:15:00.000Z');

export function testVault(
  ring: KeyRing = openMemoryKeyRing(),
  master = oldMaster(),
  accepted: readonly MasterKey[] = [],
  options: VaultOptions = {},
): Vault {
  return openVault(ring, { master, accepted }, { clock: fixedClock(AT), ...options });
}
