// How an audit entry is laid out in a SQL row, shared by the SQLite and PostgreSQL logs.
import { canonicalJson } from './canonical-json.js';
import { assembleContent } from './chain.js';
import type { AuditActor, AuditDetails, AuditEntry, AuditSubjects } from './entry.js';
import type { ChainLink } from './log.js';
import type { AuditAction } from './vocabulary.js';

/** One row of `audit_log`; subjects and details are canonical JSON, so the stored text is the hashed text. */
export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor_kind: string;
  readonly actor_id: string;
  readonly action: string;
  readonly subjects: string;
  readonly details: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The columns in the order `rowValues` gives them. */
export const AUDIT_COLUMNS = ['seq', 'at', 'actor_kind', 'actor_id', 'action', 'subjects', 'details', 'prev_hash', 'hash'] as const;

export function rowValues(entry: AuditEntry): unknown[] {
  return [
    entry.seq,
    entry.at,
    entry.actor.kind,
    entry.actor.id,
    entry.action,
    canonicalJson(entry.subjects),
    canonicalJson(entry.details),
    entry.prevHash,
    entry.hash,
  ];
}

/**
 * The entry a row holds, as stored: words are not checked against today's vocabularies (an entry written by a later
 * version still verifies). Text that is not JSON reads as a string, so the verifier reports the entry as altered
 * instead of the read failing.
 */
export function entryFromRow(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id } as AuditActor,
    action: row.action as AuditAction,
    subjects: parseObject(row.subjects) as AuditSubjects,
    details: parseObject(row.details) as AuditDetails,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function parseObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A row's link, its content text built from the stored columns (positions as in `AUDIT_COLUMNS`). */
export function linkFromValues(v: readonly unknown[]): ChainLink {
  const seq = Number(v[0]);
  let content: string | undefined;
  try {
    content = assembleContent(v[4], v[3], v[2], v[1], String(v[6]), seq, String(v[5]));
  } catch {
    content = undefined;
  }
  return { seq, prevHash: String(v[7]), hash: String(v[8]), content };
}
