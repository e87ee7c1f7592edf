// Why a sealed value cannot be opened or a key cannot be used: messages that name ids and dates, never key material.
import { CustosError } from '../errors.js';
import type { DestroyedDataKey } from './key-ring.js';

export function unknownDataKey(keyId: string): CustosError {
  return new CustosError({
    code: 'not-found',
    message: `cannot open this sealed value: its data key ${keyId} is not in the key ring (sealed with another store, or the key ring was restored from a backup older than the value)`,
    details: { keyId },
  });
}

export function destroyedDataKey(key: DestroyedDataKey): CustosError {
  return new CustosError({
    code: 'not-found',
    message: `cannot open this sealed value: its data key ${key.id} (${key.purpose}) was destroyed on ${key.destroyedAt}, so it can no longer be opened by anyone`,
    details: { keyId: key.id, purpose: key.purpose, destroyedAt: key.destroyedAt },
  });
}

export function masterNotGiven(keyId: string, masterId: string, given: readonly string[]): CustosError {
  return new CustosError({
    code: 'config',
    message: `data key ${keyId} is wrapped by master key ${masterId}, which this process was not given (it has ${given.join(', ')}): a master rotation is unfinished; set CUSTOS_MASTER_KEY_PREVIOUS to that key until it completes`,
    details: { keyId, masterId },
  });
}

export function wrappedKeyAltered(keyId: string, masterId: string): CustosError {
  return new CustosError({
    code: 'store-error',
    message: `data key ${keyId} cannot be unwrapped by master key ${masterId}: its wrapped form in the key ring was altered or moved from another key`,
    details: { keyId, masterId },
  });
}

export function envelopeAltered(keyId: string): CustosError {
  return new CustosError({
    code: 'store-error',
    message: `cannot open this value sealed under data key ${keyId}: its sealed bytes were altered, or the associated data given is not the one it was sealed with (a value copied to another record?)`,
    details: { keyId },
  });
}

export function vaultClosed(): CustosError {
  return new CustosError({ code: 'closed', message: 'the vault is closed' });
}
