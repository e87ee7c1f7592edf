// The verifier: walks the log page by page, recomputes every hash and names the first entry that was altered, removed or moved.
import { CustosError } from '../errors.js';
import type { AuditAnchor } from './anchor.js';
import { chainHash, contentText, GENESIS_HASH } from './chain.js';
import type { AuditEntry } from './entry.js';
import type { AuditLog, ChainLink } from './log.js';

export const CHAIN_PROBLEMS = ['altered', 'removed', 'reordered', 'truncated'] as const;
export type ChainProblemKind = (typeof CHAIN_PROBLEMS)[number];

export interface ChainProblem {
  readonly kind: ChainProblemKind;
  /** The seq the problem is at: the altered entry, the first missing one, the moved one, the anchored one. */
  readonly seq: number;
  /** One sentence for a person: what is wrong, at which seq. */
  readonly message: string;
}

export type ChainVerification =
  | { readonly ok: true; readonly entries: number; readonly head: AuditAnchor | undefined }
  | { readonly ok: false; readonly entries: number; readonly problem: ChainProblem };

export interface VerifyOptions {
  /** An anchor taken earlier: its entry must still be there with the same hash (detects a cut or rewritten tail). */
  readonly anchor?: AuditAnchor;
  /** Entries read per page; default 5,000. */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

/**
 * Verifies the whole chain from seq 1 and returns the first problem, or the count and head of a sound log. `entries`
 * counts the entries verified before the problem. A log that ends before the anchor, or whose anchored entry differs,
 * is `truncated`.
 */
export async function verifyChain(log: Pick<AuditLog, 'read' | 'readLinks'>, options: VerifyOptions = {}): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 5000;
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let last: ChainLink | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new CustosError({ code: 'aborted', message: `audit verification stopped at entry ${expected}` });
    const page = await log.readLinks(expected, pageSize);
    for (const link of page) {
      const sound = link.content !== undefined && chainHash(link.prevHash, link.content) === link.hash;
      if (link.seq !== expected || link.prevHash !== prevHash || !sound) {
        // The entries around it, read afresh and parsed: a moved entry's neighbours may lie on another page.
        const around = await log.read(Math.max(1, expected - WINDOW), 2 * WINDOW + 1);
        return { ok: false, entries: expected - 1, problem: diagnose(link, sound, around, expected, prevHash) };
      }
      prevHash = link.hash;
      last = link;
      expected++;
    }
    if (page.length < pageSize) break;
  }
  const verified = expected - 1;
  const anchor = options.anchor;
  if (anchor) {
    if (anchor.seq > verified) {
      const message = `the log ends at entry ${verified} but the anchor taken at ${anchor.at} names entry ${anchor.seq}: entries ${verified + 1}–${anchor.seq} were removed`;
      return { ok: false, entries: verified, problem: { kind: 'truncated', seq: anchor.seq, message } };
    }
    const anchored = anchor.seq === verified ? last : (await log.read(anchor.seq, 1))[0];
    if (anchored?.hash !== anchor.hash) {
      const message = `entry ${anchor.seq} is not the one anchored at ${anchor.at}: the log was cut and rewritten at or before entry ${anchor.seq}`;
      return { ok: false, entries: verified, problem: { kind: 'truncated', seq: anchor.seq, message } };
    }
  }
  const head = last && (await log.read(last.seq, 1))[0];
  return { ok: true, entries: verified, head: head && { seq: head.seq, hash: head.hash, at: head.at } };
}

/** How far (in seqs) the diagnosis looks for where a moved entry came from. */
const WINDOW = 32;

/** The entry's hash recomputed from its stored content; undefined when the content has no canonical text (edited into a fraction, say). */
function hashOf(entry: AuditEntry, seq = entry.seq): string | undefined {
  try {
    return chainHash(entry.prevHash, contentText(entry, seq));
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with `link`, expected at `expected` after an entry hashed `prevHash`; `sound` when its hash matches its
 * own content and predecessor. Only reached on a problem, so it may parse the entries `around` it: an entry whose hash
 * matches another seq was moved, by a swap (its predecessor's hash is found after it) or by renumbering after a removal.
 */
function diagnose(link: ChainLink, sound: boolean, around: readonly AuditEntry[], expected: number, prevHash: string): ChainProblem {
  if (link.seq !== expected) {
    const message =
      expected === link.seq - 1
        ? `entry ${expected} is missing: entry ${link.seq} follows entry ${expected - 1}`
        : `entries ${expected}–${link.seq - 1} are missing: entry ${link.seq} follows entry ${expected - 1}`;
    return { kind: 'removed', seq: expected, message: expected === 1 ? message.replace(` follows entry 0`, ' is the first') : message };
  }
  if (!sound) {
    const entry = around.find((e) => e.seq === link.seq);
    const writtenAs = entry && candidateSeqs(expected, WINDOW).find((seq) => hashOf(entry, seq) === entry.hash);
    if (entry && writtenAs !== undefined) {
      const swapped = around.some((other) => other.seq > entry.seq && other.hash === entry.prevHash);
      return swapped
        ? {
            kind: 'reordered',
            seq: expected,
            message: `entry ${expected} was moved: the entry at ${expected} was written as entry ${writtenAs}`,
          }
        : {
            kind: 'removed',
            seq: expected,
            message: `entry ${expected} was removed and the entries after it renumbered: the entry at ${expected} was written as entry ${writtenAs}`,
          };
    }
    return { kind: 'altered', seq: expected, message: `entry ${expected} was altered: its hash does not match its content` };
  }
  // The entry is sound by itself but chained to another predecessor: the one before it was rewritten with a new hash.
  return expected === 1
    ? { kind: 'altered', seq: 1, message: 'entry 1 was altered: it is not chained to the genesis hash' }
    : {
        kind: 'altered',
        seq: expected - 1,
        message: `entry ${expected - 1} was altered and its hash recomputed: entry ${expected} is chained to the hash entry ${expected - 1} had when written, not to ${prevHash.slice(0, 12)}…`,
      };
}

/** The seqs a moved entry may have been written as: the nearest first, `reach` either way. */
function candidateSeqs(seq: number, reach: number): number[] {
  const seqs: number[] = [];
  for (let d = 1; d <= reach; d++) seqs.push(seq + d, ...(seq - d >= 1 ? [seq - d] : []));
  return seqs;
}
