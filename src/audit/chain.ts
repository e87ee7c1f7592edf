// The hash chain: each entry's hash is SHA-256 over the previous entry's hash and the entry's canonical content.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { AuditContent, AuditEntry } from './entry.js';

/**
 * The hash the first entry is chained to: SHA-256 of `custos-audit-log/v1` (a fixed constant, so a log cannot be
 * started over on a different base without its first entry failing verification).
 */
export const GENESIS_HASH = '0c6891c831afd309d7dfc6b08c376683cd8c363ac458cd4a8e92530a4dd15962';

/**
 * The canonical text of the part of an entry its hash covers: `canonicalJson` of `{ seq, at, actor, action, subjects,
 * details }`, with the outer keys written in their sorted order by hand (the verifier calls this once per entry).
 */
export function contentText(entry: AuditContent, seq: number = entry.seq): string {
  return assembleContent(
    entry.action,
    entry.actor.id,
    entry.actor.kind,
    entry.at,
    canonicalJson(entry.details),
    seq,
    canonicalJson(entry.subjects),
  );
}

/**
 * The content text from an entry's fields, its details and subjects already canonical JSON (as the SQL logs store them,
 * so a verifier hashes the stored text without parsing it). The outer keys are in sorted order. A stored text is not
 * re-checked: one that was edited, even into equivalent JSON, changes the hash and is reported as altered.
 */
export function assembleContent(
  action: unknown,
  actorId: unknown,
  actorKind: unknown,
  at: unknown,
  details: string,
  seq: number,
  subjects: string,
): string {
  if (!Number.isSafeInteger(seq)) throw new TypeError(`canonical JSON: ${seq} is not a safe integer`);
  return `{"action":${str(action)},"actor":{"id":${str(actorId)},"kind":${str(actorKind)}},"at":${str(at)},"details":${details},"seq":${seq},"subjects":${subjects}}`;
}

/** A string's JSON text; anything else (a row edited into another type) has no canonical text here. */
function str(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`canonical JSON: expected a string, got a ${typeof value}`);
  return JSON.stringify(value);
}

/** hex(SHA-256(prevHash ‖ contentText)): prevHash is 64 hex characters, so the concatenation is unambiguous. */
export function chainHash(prevHash: string, content: string): string {
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

/** The entries that follow `head` (undefined: the log is empty), each chained to the one before, all stamped `at`. */
export function chainEntries(
  head: { readonly seq: number; readonly hash: string } | undefined,
  entries: readonly Omit<AuditContent, 'seq' | 'at'>[],
  at: string,
): AuditEntry[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return entries.map((entry) => {
    const content: AuditContent = {
      seq: ++seq,
      at,
      actor: entry.actor,
      action: entry.action,
      subjects: entry.subjects,
      details: entry.details,
    };
    const hash = chainHash(prevHash, contentText(content));
    const stored: AuditEntry = { ...content, prevHash, hash };
    prevHash = hash;
    return stored;
  });
}
