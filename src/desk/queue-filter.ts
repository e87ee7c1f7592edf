// The queue's filter in the staff's words (overdue, due this week, open) as the store's filter, on a day: one meaning
// for the staff API and the console.
import type { RequestFilter } from '../store/index.js';
import { CLOSED_STATUSES, REQUEST_STATUSES, type IntakeChannel, type RequestKind, type RequestStatus } from '../workflow/index.js';

const OPEN_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter((s) => !(CLOSED_STATUSES as readonly string[]).includes(s));

/** What a queue asks for; every part may be left out. */
export interface QueueQuery {
  readonly kind?: RequestKind | undefined;
  /** A status, or `open` for every status not yet completed, denied or cancelled. */
  readonly status?: RequestStatus | 'open' | undefined;
  readonly jurisdiction?: string | undefined;
  readonly channel?: IntakeChannel | undefined;
  /** `YYYY-MM-DD`: due strictly before it. */
  readonly dueBefore?: string | undefined;
  /** `overdue`: open and past the due day; `this-week`: open and due from today to 7 days ahead. */
  readonly due?: 'overdue' | 'this-week' | undefined;
}

const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const earlier = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : a < b ? a : b);

/**
 * The store filter a queue query asks for, on `now`'s UTC day. The due words read the due day the desk stored; a UK
 * request waiting for proof moves its due day while it waits (the `due` route and each item's `due` count that).
 */
export function queueFilter(query: QueueQuery, now: Date): RequestFilter {
  const today = now.toISOString().slice(0, 10);
  const window =
    query.due === 'overdue' ? { dueBefore: today } : query.due === 'this-week' ? { dueFrom: today, dueBefore: addDays(today, 8) } : {};
  const statuses =
    query.status === 'open' || (query.status === undefined && query.due !== undefined)
      ? OPEN_STATUSES
      : query.status === undefined
        ? undefined
        : query.due !== undefined && !OPEN_STATUSES.includes(query.status)
          ? []
          : [query.status];
  return {
    ...(query.kind ? { kinds: [query.kind] } : {}),
    ...(statuses ? { statuses } : {}),
    ...(query.jurisdiction ? { jurisdiction: query.jurisdiction } : {}),
    ...(query.channel ? { channels: [query.channel] } : {}),
    ...(window.dueFrom ? { dueFrom: window.dueFrom } : {}),
    ...(earlier(query.dueBefore, window.dueBefore) ? { dueBefore: earlier(query.dueBefore, window.dueBefore) } : {}),
  };
}
