// Complaints about how a person's data or request was handled (K5.4): answered within 30 days of receipt.
import { z } from 'zod';
import { instant, text } from './register-fields.js';
import { addDays, calendarDay, daysBetween, type CalendarDay } from './calendar.js';

export const COMPLAINT_STATUSES = ['received', 'answered', 'withdrawn'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** K5.4's period, in UTC calendar days from the day of receipt (the unit request deadlines use). */
export const COMPLAINT_DAYS = 30;

/** Who complains: a desk request of theirs, or Custos's own reference to them (never an address). */
export const COMPLAINANT_SCHEMA = z.union([z.object({ requestId: text(100) }).strict(), z.object({ personRef: text(100) }).strict()]);

export const COMPLAINT_FIELDS = z.object({
  from: COMPLAINANT_SCHEMA,
  subject: text(4000),
  answer: text(8000).optional(),
});

export const COMPLAINT_SCHEMA = COMPLAINT_FIELDS.extend({
  kind: z.literal('complaint'),
  id: text(100),
  receivedAt: instant(),
  status: z.enum(COMPLAINT_STATUSES),
  closedAt: instant().optional(),
});
export type Complaint = z.infer<typeof COMPLAINT_SCHEMA>;

export interface ComplaintClock {
  readonly receivedOn: CalendarDay;
  /** The last day of the 30 (day of receipt + 30). */
  readonly due: CalendarDay;
  /** Days from `now`'s day to the due day, negative once overdue; absent once answered or withdrawn. */
  readonly daysLeft?: number | undefined;
  readonly overdue: boolean;
}

export function complaintClock(complaint: Complaint, now: Date): ComplaintClock {
  const receivedOn = calendarDay(complaint.receivedAt);
  const due = addDays(receivedOn, COMPLAINT_DAYS);
  if (complaint.status !== 'received') return { receivedOn, due, overdue: false };
  const daysLeft = daysBetween(calendarDay(now), due);
  return { receivedOn, due, daysLeft, overdue: daysLeft < 0 };
}
