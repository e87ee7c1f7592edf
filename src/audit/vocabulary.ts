// The audit trail's closed word lists: who acts, what they did, and which kinds of ids an entry names.

/** Who made the change or the view: a staff member, the person concerned, Custos itself, or a caller with an API key. */
export const ACTOR_KINDS = ['staff', 'person', 'system', 'api-key'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * What happened. New actions are appended here (never renamed: entries written years ago keep their words, and the
 * verifier hashes whatever word an entry carries).
 */
export const AUDIT_ACTIONS = [
  'request.created',
  'request.verified',
  'request.approved',
  'request.denied',
  'request.extended',
  'request.run',
  'request.completed',
  'person-data.viewed',
  'package.downloaded',
  'proof.destroyed',
  'user.created',
  'key.created',
  'retention.swept',
  // The request desk's other moves (appended with it).
  'request.verification-asked',
  'request.verification-failed',
  'request.proof-asked',
  'request.submitted',
  'request.run-failed',
  'request.cancelled',
  'request.acknowledged',
  'proof.uploaded',
  'user.disabled',
  'key.revoked',
  // The registers (K7, K5.4): authority requests, confidentiality incidents, complaints.
  'authority-request.recorded',
  'authority-request.updated',
  'authority-request.check-started',
  'authority-request.answered',
  'authority-request.refused',
  'incident.recorded',
  'incident.updated',
  'incident.notified',
  'incident.contained',
  'incident.closed',
  'complaint.recorded',
  'complaint.updated',
  'complaint.answered',
  'complaint.withdrawn',
  // The staff API (appended with it).
  'user.role-changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * The ids an entry may name. `person` is Custos's own reference to a person (a keyed pseudonym or an internal id), never
 * an identity value such as an e-mail address.
 */
export const SUBJECT_KINDS = [
  'request',
  'run',
  'person',
  'package',
  'proof',
  'user',
  'key',
  'sweep',
  // The registers' entries (appended with them).
  'authority-request',
  'incident',
  'complaint',
] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
