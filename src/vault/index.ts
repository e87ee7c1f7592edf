// Custos's key material: the public face. The pseudonym key; the master key; the vault that seals Custos's own secrets.
export { generatePseudonymKey, loadPseudonymKey, DEFAULT_PSEUDONYM_KEY_FILE } from './keys.js';
export { MasterKey, MASTER_KEY_BYTES, generateMasterKey, masterKeyFromText } from './master-key.js';
export { loadMasterKeys, readMasterKeyFile, writeMasterKeyFile, type MasterKeys } from './master-key-source.js';
export { VAULT_PURPOSES, KEY_USES, keyUseOf, type VaultPurpose, type KeyUse } from './purposes.js';
export { ENVELOPE_VERSION, decodeEnvelope, envelopeKeyId, envelopeText, type Envelope } from './envelope.js';
export type { DestroyedDataKey, KeyRing, KeyRingCensus, LiveDataKey, StoredDataKey } from './key-ring.js';
export { openMemoryKeyRing } from './memory/key-ring.js';
export { openSqliteKeyRing } from './sqlite/key-ring.js';
export { migrateSqliteKeyRing, SQLITE_KEYRING_MIGRATIONS } from './sqlite/migrations.js';
export { openVault, type Vault, type VaultOptions } from './vault.js';
export type { MasterRotation, MasterRotationOptions, RotationFailure } from './rotation.js';
export { openPostgresKeyRing, type PostgresKeyRingOptions } from './postgres/key-ring.js';
