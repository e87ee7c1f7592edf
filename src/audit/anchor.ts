// Anchors: the head's { seq, hash, at }, kept outside the log (printed, mailed, committed), so a cut tail is detected.
import { CustosError } from '../errors.js';
import type { AuditLog } from './log.js';

export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
  /** When the anchored entry was appended (ISO instant). */
  readonly at: string;
}

/** The anchor of the log's head; `precondition-failed` when the log is empty (there is nothing to anchor yet). */
export async function anchorOf(log: Pick<AuditLog, 'head'>): Promise<AuditAnchor> {
  const head = await log.head();
  if (!head) throw new CustosError({ code: 'precondition-failed', message: 'the audit log is empty: there is nothing to anchor yet' });
  return { seq: head.seq, hash: head.hash, at: head.at };
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Reads an anchor given by a user (the parsed JSON of a saved anchor); `where` names it in the message (a file, an
 * option). Refuses anything else with `invalid-input` saying what is wrong.
 */
export function parseAnchor(value: unknown, where: string): AuditAnchor {
  const fail = (problem: string): never => {
    throw new CustosError({
      code: 'invalid-input',
      message: `${where}: ${problem}; an anchor is the JSON that \`custos audit anchor\` prints: {"seq": 1234, "hash": "<64 hex>", "at": "<ISO instant>"}`,
    });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a JSON object');
  const { seq, hash, at } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return fail('"seq" is not a whole number of at least 1');
  if (typeof hash !== 'string' || !HASH.test(hash)) return fail('"hash" is not 64 lowercase hexadecimal characters');
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return fail('"at" is not an ISO instant');
  return { seq, hash, at };
}
