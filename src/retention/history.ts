// The history of sweeps, as the audit trail recorded them: one entry per rule and collection (and one for Custos's own
// records), grouped by sweep. What the console's retention page lists.
import type { Store } from '../store/index.js';

/** One line of a sweep: a rule on a collection, or `custos-records` on `custos`. */
export interface SweptLine {
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
  readonly lines: readonly SweptLine[];
}

const PAGE = 1000;

/**
 * The last `limit` sweeps (default 20), the newest first, read from the audit trail's `retention.swept` entries. Reads
 * the trail from its start (the log has no index by action): fine for a page view, not for a hot path.
 */
export async function sweepHistory(store: Store, options: { readonly limit?: number } = {}): Promise<readonly SweepHistoryEntry[]> {
  const limit = Math.max(1, Math.floor(options.limit ?? 20));
  const sweeps = new Map<string, { startedAt: string; endedAt: string; lines: SweptLine[] }>();
  for (let from = 1; ;) {
    const page = await store.audit.read(from, PAGE);
    for (const entry of page) {
      const sweepId = entry.subjects['sweep'];
      if (entry.action !== 'retention.swept' || typeof sweepId !== 'string') continue;
      const { rule, collection, action, status, rows, ...rest } = entry.details;
      const counts = Object.fromEntries(Object.entries(rest).filter((kv): kv is [string, number] => typeof kv[1] === 'number'));
      const line: SweptLine = {
        rule: String(rule),
        collection: String(collection),
        action: String(action),
        status: String(status),
        rows: typeof rows === 'number' ? rows : 0,
        counts,
      };
      const known = sweeps.get(sweepId);
      if (known) {
        known.endedAt = entry.at;
        known.lines.push(line);
      } else sweeps.set(sweepId, { startedAt: entry.at, endedAt: entry.at, lines: [line] });
    }
    if (page.length < PAGE) break;
    from = page[page.length - 1]!.seq + 1;
  }
  return [...sweeps.entries()]
    .map(([sweepId, s]) => ({
      sweepId,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      rows: s.lines.reduce((sum, l) => sum + l.rows, 0),
      failed: s.lines.some((l) => l.status === 'failed'),
      lines: s.lines,
    }))
    .sort((a, b) => (a.endedAt === b.endedAt ? (a.sweepId < b.sweepId ? 1 : -1) : a.endedAt < b.endedAt ? 1 : -1))
    .slice(0, limit);
}
