// Field masks: the value a masked field takes by strategy — null, a fixed value, a keyed pseudonym, a truncated IP.
import type { ErasureStrategy } from '../policy/index.js';
import { truncateIp } from './ip.js';
import { pseudonymise } from './pseudonym.js';

/** A value a mask writes: JSON-safe, as it is journaled before it is written. */
export type MaskedValue = string | number | boolean | null;

/** Masks whose value is computed from each row's own value (row by row), not one assignment for every row. */
export const COMPUTED_MASKS = ['hash', 'truncate-ip'] as const;
export type ComputedMask = (typeof COMPUTED_MASKS)[number];

export function isComputedMask(strategy: ErasureStrategy): strategy is ComputedMask {
  return (COMPUTED_MASKS as readonly string[]).includes(strategy);
}

/** The value a static mask assigns to every row: null, or the manifest's fixed value (null when it declares none). */
export function staticMaskValue(strategy: 'null' | 'fixed', fixed: MaskedValue | undefined): MaskedValue {
  switch (strategy) {
    case 'null':
      return null;
    case 'fixed':
      return fixed ?? null;
    default:
      return strategy satisfies never;
  }
}

/** The value a computed mask gives one row's value: its keyed pseudonym, or its truncated address (null when not an IP). */
export function computedMaskValue(strategy: ComputedMask, text: string, key: Uint8Array): MaskedValue {
  switch (strategy) {
    case 'hash':
      return pseudonymise(text, key);
    case 'truncate-ip':
      return truncateIp(text) ?? null;
    default:
      return strategy satisfies never;
  }
}
