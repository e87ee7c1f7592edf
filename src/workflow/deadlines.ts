// When a request must be answered: each law's deadline from receipt, its extension, the UK pause and CCPA's receipt notice.
import { CustosError } from '../errors.js';
import type { Duration, Jurisdiction } from '../policy/index.js';
import { addBusinessDays, addToDay, calendarDay, daysBetween, type CalendarDay } from './calendar.js';
import type { RightsRequest } from './request.js';

/** A jurisdiction's rules for answering requests, copied onto each request when it arrives. */
export interface DeadlineTerms {
  readonly deadline: Duration;
  /** Extra time, allowed once with reasons told before the first deadline; absent where the law allows none. */
  readonly extension?: Duration | undefined;
  /** The clock stops while the desk waits for proof of identity (UK GDPR). */
  readonly clockStopsForProof: boolean;
  /** Receipt must be confirmed within this many business days (CCPA: 10). */
  readonly acknowledgeWithinBusinessDays?: number | undefined;
}

/**
 * Rules a Jurisdiction does not state, by preset id. Any other id (another preset, a manifest's own jurisdiction) gets
 * none: its clock never stops and no receipt notice is due, which never shows a later day than a law could give.
 */
const PRESET_RULES: ReadonlyMap<string, Partial<Pick<DeadlineTerms, 'clockStopsForProof' | 'acknowledgeWithinBusinessDays'>>> = new Map([
  ['uk-gdpr', { clockStopsForProof: true }],
  ['ccpa', { acknowledgeWithinBusinessDays: 10 }],
]);

/** The deadline terms a request received under `jurisdiction` is held to. */
export function deadlineTerms(jurisdiction: Jurisdiction): DeadlineTerms {
  const rule = PRESET_RULES.get(jurisdiction.id) ?? {};
  return Object.freeze({
    deadline: jurisdiction.deadline,
    extension: jurisdiction.extension,
    clockStopsForProof: rule.clockStopsForProof ?? false,
    acknowledgeWithinBusinessDays: rule.acknowledgeWithinBusinessDays,
  });
}

export interface RequestDeadline {
  /** The UTC day the request arrived: the law's period runs from the next day. */
  readonly receivedOn: CalendarDay;
  /** The last day to answer. */
  readonly due: CalendarDay;
  /** The last day without the extension; also the last day to announce one. */
  readonly firstDue: CalendarDay;
  /** Days the clock stood still awaiting proof of identity (0 where the law does not stop it). */
  readonly pausedDays: number;
  /** The request waits for proof now, and its law stops the clock meanwhile. */
  readonly clockStopped: boolean;
  readonly extended: boolean;
  /** While an extension may still be announced: by when, and the day it would move the answer to. */
  readonly extension?: { readonly tellBy: CalendarDay; readonly due: CalendarDay } | undefined;
  /** The last day to confirm receipt, where the law asks for it (CCPA: 10 business days, Monday to Friday). */
  readonly acknowledgeBy?: CalendarDay | undefined;
}

function pausedDays(request: RightsRequest, now: Date): number {
  if (!request.terms.clockStopsForProof) return 0;
  return request.pauses.reduce((sum, p) => sum + Math.max(0, daysBetween(calendarDay(p.from), calendarDay(p.to ?? now))), 0);
}

/**
 * A request's deadline on `now` (which only matters while the clock is stopped). Months are calendar months clamped to
 * the month's end (received 31 January, due 28 February, 29 in a leap year); days are calendar days; the extension
 * runs from the first due day (31 January + 1 month + 2 months = 28 April, not 30 April), the earlier of the two
 * readings of "two further months".
 */
export function deadlineOf(request: RightsRequest, now: Date): RequestDeadline {
  const { terms } = request;
  const receivedOn = calendarDay(request.receivedAt);
  const paused = pausedDays(request, now);
  const firstDue = addToDay(addToDay(receivedOn, terms.deadline), { years: 0, months: 0, days: paused, hours: 0 });
  const extendedDue = terms.extension === undefined ? undefined : addToDay(firstDue, terms.extension);
  const extended = request.extension !== undefined && extendedDue !== undefined;
  return Object.freeze({
    receivedOn,
    due: extended ? (extendedDue ?? firstDue) : firstDue,
    firstDue,
    pausedDays: paused,
    clockStopped: terms.clockStopsForProof && request.pauses.some((p) => p.to === undefined),
    extended,
    extension: extendedDue === undefined || extended ? undefined : Object.freeze({ tellBy: firstDue, due: extendedDue }),
    acknowledgeBy:
      terms.acknowledgeWithinBusinessDays === undefined ? undefined : addBusinessDays(receivedOn, terms.acknowledgeWithinBusinessDays),
  });
}

/**
 * Why the deadline of `request` may not be extended on `at`, or undefined when it may: the law allows none (Quebec,
 * LGPD), it was extended already (once only), or the first deadline has passed (the person must be told before it).
 */
export function extensionRefusal(request: RightsRequest, at: Date): CustosError | undefined {
  const deadline = deadlineOf(request, at);
  const details = { requestId: request.id, jurisdiction: request.jurisdiction, due: deadline.due };
  const refuse = (message: string): CustosError => new CustosError({ code: 'precondition-failed', message, details });
  if (request.terms.extension === undefined)
    return refuse(`Request ${request.id}: the law of ${request.jurisdiction} allows no extension; the answer is due by ${deadline.due}`);
  if (request.extension !== undefined)
    return refuse(`Request ${request.id} was already extended once; the answer is due by ${deadline.due}`);
  const today = calendarDay(at);
  if (daysBetween(deadline.firstDue, today) > 0)
    return refuse(
      `Request ${request.id}: an extension had to be announced, with its reasons, by ${deadline.firstDue}; it is now ${today} and the answer is overdue`,
    );
  return undefined;
}
