// The history of sweeps, as the audit trail recorded them: one `retention.swept` entry per rule and collection (and one
// for Custos's own records). Read backwards from the trail's head, so a long trail costs only its recent pages.
import type { AuditEntry, AuditLog } from '../audit/index.js';
import type { Store } from '../store/index.js';

/** One rule and collection of a past sweep, as its audit entry says it (ids and counts only). */
export interface SweptLine {
  readonly seq: number;
  readonly at: string;
  readonly sweepId: string;
  /** A rule on a collection, or `custos-records` on `custos`. */
  readonly rule: string;
  readonly collection: string;
  readonly action: string;
  readonly status: string;
  readonly rows: number;
  /** The entry's other counts (children, batches, largestBatchMs; requests, messages… for Custos's records). */
  readonly counts: Readonly<Record<string, number>>;
}

export interface SweepHistoryEntry {
  readonly sweepId: string;
  /** When the first and the last of its entries were written. */
  readonly startedAt: string;
  readonly endedAt: string;
  /** Rows deleted or anonymised over every line. */
  readonly rows: number;
  /** True when a line failed. */
  readonly failed: boolean;
  /** In the order they were written. */
  readonly lines: readonly SweptLine[];
}

export interface SweptLinesOptions {
  /** How many lines at most (default 100). */
  readonly lines?: number;
  /** How many audit entries back from the head to look at most (default 20,000). */
  readonly scan?: number;
}

const PAGE = 500;

/**
 * The newest `retention.swept` entries, newest first, reading the trail backwards a page at a time. `cut` says the scan
 * stopped at `scan` entries before the trail's start with fewer lines than asked.
 */
export async function sweptLines(
  audit: Pick<AuditLog, 'head' | 'read'>,
  options: SweptLinesOptions = {},
): Promise<{ readonly lines: readonly SweptLine[]; readonly cut: boolean }> {
  const most = Math.max(1, Math.floor(options.lines ?? 100));
  const scan = Math.max(1, Math.floor(options.scan ?? 20_000));
  const lines: SweptLine[] = [];
  let end = ((await audit.head())?.seq ?? 0) + 1;
  let scanned = 0;
  while (end > 1 && lines.length < most && scanned < scan) {
    const from = Math.max(1, end - Math.min(PAGE, scan - scanned));
    const page = await audit.read(from, end - from);
    for (const entry of [...page].reverse()) {
      if (entry.seq >= end || lines.length >= most) continue;
      const line = lineOf(entry);
      if (line) lines.push(line);
    }
    scanned += end - from;
    end = from;
  }
  return { lines, cut: end > 1 && lines.length < most };
}

/** The last `limit` sweeps (default 20), newest first, from the lines `sweptLines` finds. */
export async function sweepHistory(
  store: Pick<Store, 'audit'>,
  options: { readonly limit?: number; readonly scan?: number } = {},
): Promise<readonly SweepHistoryEntry[]> {
  const limit = Math.max(1, Math.floor(options.limit ?? 20));
  const { lines } = await sweptLines(store.audit, { lines: Number.MAX_SAFE_INTEGER, scan: options.scan });
  const sweeps = new Map<string, SweptLine[]>();
  for (const line of lines) (sweeps.get(line.sweepId) ?? sweeps.set(line.sweepId, []).get(line.sweepId)!).push(line);
  // `lines` is newest first: a map's insertion order is then each sweep's newest line first.
  return [...sweeps.entries()].slice(0, limit).map(([sweepId, newestFirst]) => {
    const written = [...newestFirst].reverse();
    return {
      sweepId,
      startedAt: written[0]!.at,
      endedAt: written.at(-1)!.at,
      rows: written.reduce((sum, l) => sum + l.rows, 0),
      failed: written.some((l) => l.status === 'failed'),
      lines: written,
    };
  });
}

function lineOf(entry: AuditEntry): SweptLine | undefined {
  const sweepId = entry.subjects['sweep'];
  if (entry.action !== 'retention.swept' || typeof sweepId !== 'string') return undefined;
  const { rule, collection, action, status, rows, ...rest } = entry.details;
  return {
    seq: entry.seq,
    at: entry.at,
    sweepId,
    rule: String(rule),
    collection: String(collection),
    action: String(action),
    status: String(status),
    rows: typeof rows === 'number' ? rows : 0,
    counts: Object.fromEntries(Object.entries(rest).filter((kv): kv is [string, number] => typeof kv[1] === 'number')),
  };
}
