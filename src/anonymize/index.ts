// Anonymisation operations shared by erasure and retention: field masks, IP truncation and keyed pseudonyms.
export { truncateIp } from './ip.js';
export { pseudonymise, PSEUDONYM_PREFIX } from './pseudonym.js';
export { COMPUTED_MASKS, computedMaskValue, isComputedMask, staticMaskValue, type ComputedMask, type MaskedValue } from './masks.js';
