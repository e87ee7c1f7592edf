// Custos's key material: the public face.
export { generatePseudonymKey, loadPseudonymKey, DEFAULT_PSEUDONYM_KEY_FILE } from './keys.js';
