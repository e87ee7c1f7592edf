// What Custos seals for itself, and how each purpose uses its data keys.
import { CustosError } from '../errors.js';

/** The secrets Custos keeps for itself. New purposes are appended, never renamed: stored keys carry these words. */
export const VAULT_PURPOSES = ['identity-proof', 'totp-seed', 'smtp', 'pseudonym'] as const;
export type VaultPurpose = (typeof VAULT_PURPOSES)[number];

/**
 * `shared`: seals use the purpose's current data key until `rotateDataKey`. `per-seal`: every seal gets a data key of
 * its own, so one sealed value can be crypto-shredded without the others (an identity proof is destroyed as soon as
 * its request is processed, while other requests' proofs wait).
 */
export const KEY_USES = ['shared', 'per-seal'] as const;
export type KeyUse = (typeof KEY_USES)[number];

export function keyUseOf(purpose: VaultPurpose): KeyUse {
  switch (purpose) {
    case 'identity-proof':
      return 'per-seal';
    case 'totp-seed':
    case 'smtp':
    case 'pseudonym':
      return 'shared';
    default:
      return purpose satisfies never;
  }
}

/** Refuses a purpose outside the list, naming the list. */
export function checkPurpose(purpose: string): VaultPurpose {
  if ((VAULT_PURPOSES as readonly string[]).includes(purpose)) return purpose as VaultPurpose;
  throw new CustosError({
    code: 'invalid-input',
    message: `unknown vault purpose "${purpose.slice(0, 40)}": use one of ${VAULT_PURPOSES.join(', ')}`,
  });
}
