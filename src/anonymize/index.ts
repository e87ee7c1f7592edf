// Anonymisation operations shared by erasure and retention: IP truncation and keyed pseudonyms.
export { truncateIp } from './ip.js';
export { pseudonymise, generatePseudonymKey, PSEUDONYM_PREFIX } from './pseudonym.js';
