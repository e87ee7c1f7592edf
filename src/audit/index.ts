// The audit trail's public face: entries, the hash chain, the AuditLog on SQLite and PostgreSQL, anchors and the verifier.
export * from './vocabulary.js';
export { checkNewEntry, MAX_ID_LENGTH } from './entry.js';
export type { AuditActor, AuditContent, AuditDetails, AuditDetailValue, AuditEntry, AuditSubjects, NewAuditEntry } from './entry.js';
export { personalDataLook, PERSONAL_DATA_LOOKS, type PersonalDataLook } from './personal-data.js';
export { canonicalJson, type CanonicalValue } from './canonical-json.js';
export { chainHash, contentText, GENESIS_HASH } from './chain.js';
export type { AuditLog, AuditLogOptions } from './log.js';
export { anchorOf, parseAnchor, type AuditAnchor } from './anchor.js';
export {
  CHAIN_PROBLEMS,
  verifyChain,
  type ChainProblem,
  type ChainProblemKind,
  type ChainVerification,
  type VerifyOptions,
} from './verify.js';
export { openSqliteAuditLog } from './sqlite/log.js';
export { migrateSqliteAudit, SQLITE_AUDIT_MIGRATIONS } from './sqlite/migrations.js';
export { openPostgresAuditLog, type PostgresAuditLogOptions } from './postgres/log.js';
export { migratePostgresAudit, POSTGRES_AUDIT_MIGRATIONS, type PostgresAuditClient } from './postgres/migrations.js';
