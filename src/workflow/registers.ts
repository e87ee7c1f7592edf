// The registers (K7, K5.4): authority requests, confidentiality incidents and complaints, recorded and changed by
// checked moves; each change names what happened, for the audit trail.
import { z } from 'zod';
import { CustosError } from '../errors.js';
import {
  AUTHORITY_REQUEST_FIELDS,
  AUTHORITY_REQUEST_MOVES,
  AUTHORITY_REQUEST_SCHEMA,
  AUTHORITY_REQUEST_STATUSES,
  authorityRequestGaps,
  type AuthorityRequest,
} from './authority-requests.js';
import { COMPLAINT_FIELDS, COMPLAINT_SCHEMA, COMPLAINT_STATUSES, complaintClock, type Complaint } from './complaints.js';
import {
  INCIDENT_FIELDS,
  INCIDENT_SCHEMA,
  INCIDENT_STATUSES,
  NOTIFICATION_SCHEMA,
  incidentClock,
  type Incident,
  type NotificationClock,
} from './incidents.js';
import { instant } from './register-fields.js';

export const REGISTER_KINDS = ['authority-request', 'incident', 'complaint'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];
export type RegisterEntry = AuthorityRequest | Incident | Complaint;
export type RegisterStatus = RegisterEntry['status'];

/** Every status of each kind: the first is where an entry starts. */
export const REGISTER_STATUSES = Object.freeze({
  'authority-request': AUTHORITY_REQUEST_STATUSES,
  incident: INCIDENT_STATUSES,
  complaint: COMPLAINT_STATUSES,
} as const satisfies Record<RegisterKind, readonly string[]>);

/** An entry as stored (JSON, instants as ISO text), read back. */
export const REGISTER_ENTRY_SCHEMA = z.discriminatedUnion('kind', [AUTHORITY_REQUEST_SCHEMA, INCIDENT_SCHEMA, COMPLAINT_SCHEMA]);

/** What a new entry is given; its instant of receipt (awareness, for an incident) defaults to when it is recorded. */
export const NEW_ENTRY_SCHEMAS = Object.freeze({
  'authority-request': AUTHORITY_REQUEST_FIELDS.extend({ receivedAt: instant().optional() }).strict(),
  incident: INCIDENT_FIELDS.extend({ detectedAt: instant() }).strict(),
  complaint: COMPLAINT_FIELDS.extend({ receivedAt: instant().optional() }).strict(),
});

/** What a change may carry: corrected fields, a new status, and for an incident a notification sent. */
export const CHANGE_SCHEMAS = Object.freeze({
  'authority-request': AUTHORITY_REQUEST_FIELDS.partial()
    .extend({ status: z.enum(AUTHORITY_REQUEST_STATUSES).optional() })
    .strict(),
  incident: INCIDENT_FIELDS.partial()
    .extend({ status: z.enum(INCIDENT_STATUSES).optional(), notification: NOTIFICATION_SCHEMA.optional() })
    .strict(),
  complaint: COMPLAINT_FIELDS.partial()
    .extend({ status: z.enum(COMPLAINT_STATUSES).optional() })
    .strict(),
});

export type NewRegisterEntry<K extends RegisterKind> = z.input<(typeof NEW_ENTRY_SCHEMAS)[K]>;
export type RegisterChange<K extends RegisterKind> = z.input<(typeof CHANGE_SCHEMAS)[K]>;

/** What a change did, in the audit trail's words (`incident.notified`). */
export type RegisterEvent =
  'recorded' | 'updated' | 'checking' | 'answered' | 'refused' | 'contained' | 'closed' | 'notified' | 'withdrawn';

/** Parses `input` with `schema`, or an `invalid-input` naming the first wrong field (`approxPeople`), never its value. */
export function checked<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || what;
  throw new CustosError({ code: 'invalid-input', message: `${what} ${field}: ${issue?.message ?? 'invalid'}`, details: { field } });
}

/** A new entry of `kind`, checked, at its first status. */
export function recordEntry(kind: RegisterKind, id: string, input: unknown, at: Date): RegisterEntry {
  switch (kind) {
    case 'authority-request': {
      const { receivedAt, ...fields } = checked(NEW_ENTRY_SCHEMAS[kind], input, kind);
      return { ...fields, kind, id, receivedAt: notAfter(receivedAt ?? at, at, 'receivedAt'), status: 'received' };
    }
    case 'incident': {
      const { detectedAt, ...fields } = checked(NEW_ENTRY_SCHEMAS[kind], input, kind);
      return { ...fields, kind, id, detectedAt: notAfter(detectedAt, at, 'detectedAt'), status: 'open', notifications: [] };
    }
    case 'complaint': {
      const { receivedAt, ...fields } = checked(NEW_ENTRY_SCHEMAS[kind], input, kind);
      return { ...fields, kind, id, receivedAt: notAfter(receivedAt ?? at, at, 'receivedAt'), status: 'received' };
    }
    default:
      return kind satisfies never;
  }
}

/** The entry after `change`, and what happened, or a refusal naming the field; never changes the entry given. */
export function changeEntry(entry: RegisterEntry, change: unknown, at: Date): { entry: RegisterEntry; events: RegisterEvent[] } {
  switch (entry.kind) {
    case 'authority-request': {
      const { status, ...fields } = checked(CHANGE_SCHEMAS[entry.kind], change, entry.kind);
      const next: AuthorityRequest = { ...entry, ...fields };
      if (status === undefined || status === entry.status) return { entry: next, events: ['updated'] };
      refuseMove(entry, status, AUTHORITY_REQUEST_MOVES[entry.status]);
      const gap = authorityRequestGaps(next, status)[0];
      if (gap) refuse(entry, gap[0], `cannot be ${status} yet: ${gap[1]}`);
      const closed = status === 'answered' || status === 'refused' ? { closedAt: at } : {};
      // A move's target is never `received` (no move leads there): it names the event.
      const event = status as Exclude<typeof status, 'received'>;
      return { entry: { ...next, ...closed, status }, events: hasKeys(fields) ? ['updated', event] : [event] };
    }
    case 'incident': {
      const { status, notification, ...fields } = checked(CHANGE_SCHEMAS[entry.kind], change, entry.kind);
      let next: Incident = { ...entry, ...fields };
      const events: RegisterEvent[] = hasKeys(fields) ? ['updated'] : [];
      if (notification) {
        if (!next.laws.includes(notification.law))
          refuse(entry, 'notification.law', `names ${notification.law}, not one of the incident's laws (${next.laws.join(', ')})`);
        if (next.notifications.some((n) => n.law === notification.law && n.to === notification.to))
          throw new CustosError({
            code: 'conflict',
            message: `incident ${entry.id}: the ${notification.to} notification under ${notification.law} is already recorded`,
            details: { incidentId: entry.id, field: 'notification' },
          });
        notAfter(notification.at, at, 'notification.at');
        if (notification.at < entry.detectedAt) refuse(entry, 'notification.at', 'is before the incident was detected');
        next = { ...next, notifications: [...next.notifications, notification] };
        events.push('notified');
      }
      if (status !== undefined && status !== entry.status) {
        refuseMove(entry, status, status === 'contained' ? ['open'] : status === 'closed' ? ['open', 'contained'] : [], true);
        next = { ...next, status, ...(status === 'contained' ? { containedAt: at } : { closedAt: at }) };
        events.push(status === 'contained' ? 'contained' : 'closed');
      }
      return { entry: next, events: events.length > 0 ? events : ['updated'] };
    }
    case 'complaint': {
      const { status, ...fields } = checked(CHANGE_SCHEMAS[entry.kind], change, entry.kind);
      const next: Complaint = { ...entry, ...fields };
      if (status === undefined || status === entry.status) return { entry: next, events: ['updated'] };
      if (entry.status !== 'received') refuseMove(entry, status, []);
      if (status === 'answered' && next.answer === undefined) refuse(entry, 'answer', 'is required to answer a complaint');
      if (status === 'received') throw moveConflict(entry, status);
      return { entry: { ...next, status, closedAt: at }, events: hasKeys(fields) ? ['updated', status] : [status] };
    }
    default:
      return entry satisfies never;
  }
}

/**
 * The instant after which the entry is overdue, as the store keeps it to list overdue entries: an incident's first
 * unsent authority notification with an hour clock, an open complaint's last day, an open authority request's date set
 * by the authority. Undefined when nothing is owed by a known instant.
 */
export function entryDueAt(entry: RegisterEntry, now: Date): Date | undefined {
  switch (entry.kind) {
    case 'incident':
      return incidentClock(entry, now).authorityDueAt;
    case 'complaint':
      return entry.status === 'received' ? new Date(`${complaintClock(entry, now).due}T23:59:59.999Z`) : undefined;
    case 'authority-request':
      return entry.status === 'received' || entry.status === 'checking' ? entry.dueAt : undefined;
    default:
      return entry satisfies never;
  }
}

/** Where an entry stands against its clock, alike for every kind, as the console and the command line show it. */
export interface RegisterClock {
  /** The instant after which it is overdue (`entryDueAt`). */
  readonly dueAt?: Date | undefined;
  /** An incident's authority clock: whole hours left, negative once overdue. */
  readonly hoursLeft?: number | undefined;
  /** A complaint's clock: days left to its due day, negative once overdue. */
  readonly daysLeft?: number | undefined;
  readonly overdue: boolean;
  /** An incident's notifications owed at its risk level, each with its pace and state. */
  readonly notifications?: readonly NotificationClock[] | undefined;
  /** An incident's laws without a known notification rule: to check by hand. */
  readonly lawsWithoutRule?: readonly string[] | undefined;
  /** An incident's record is kept at least until then (Quebec 5 years, PIPEDA 24 months from awareness). */
  readonly keepUntil?: Date | undefined;
}

export function entryClock(entry: RegisterEntry, now: Date): RegisterClock {
  const dueAt = entryDueAt(entry, now);
  switch (entry.kind) {
    case 'incident': {
      const { notifications, hoursLeft, overdue, lawsWithoutRule, keepUntil } = incidentClock(entry, now);
      return { dueAt, hoursLeft, overdue, notifications, lawsWithoutRule, keepUntil };
    }
    case 'complaint': {
      const { daysLeft, overdue } = complaintClock(entry, now);
      return { dueAt, daysLeft, overdue };
    }
    case 'authority-request':
      return { dueAt, overdue: dueAt !== undefined && now > dueAt };
    default:
      return entry satisfies never;
  }
}

/** The instant the entry was received (or, for an incident, detected): registers list in this order. */
export const openedAt = (entry: RegisterEntry): Date => (entry.kind === 'incident' ? entry.detectedAt : entry.receivedAt);

const hasKeys = (o: object): boolean => Object.keys(o).length > 0;

function notAfter(when: Date, at: Date, field: string): Date {
  if (when > at)
    throw new CustosError({
      code: 'invalid-input',
      message: `${field} is in the future: give the instant it happened`,
      details: { field },
    });
  return when;
}

/** Refuses a move unless `allowed` lists its target (or, with `fromList`, the entry's current status). */
function refuseMove(entry: RegisterEntry, to: string, allowed: readonly string[], fromList = false): void {
  if (!(fromList ? allowed.includes(entry.status) : allowed.includes(to))) throw moveConflict(entry, to);
}

function moveConflict(entry: RegisterEntry, to: string): CustosError {
  return new CustosError({
    code: 'conflict',
    message: `${entry.kind} ${entry.id} is ${entry.status}: it cannot become ${to}`,
    details: { id: entry.id, status: entry.status, field: 'status' },
  });
}

function refuse(entry: RegisterEntry, field: string, fix: string): never {
  throw new CustosError({ code: 'invalid-input', message: `${entry.kind} ${entry.id}: ${field} ${fix}`, details: { field, id: entry.id } });
}
