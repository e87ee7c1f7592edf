// What the staff API's routes share: the error shape, a request as the queue shows it, and who acts for a signed-in member.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CustosError } from '../../errors.js';
import type { StoredRequest } from '../../store/index.js';
import {
  daysLeft,
  deadlineOf,
  INTAKE_CHANNELS,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  roleAllows,
  type Actor,
  type RightsRequest,
} from '../../workflow/index.js';

export const ERROR = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    field: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string(),
  }),
});

/** The refusals every staff route may give: a bad field, no session, a role without the permission. */
export const REFUSALS = { 400: ERROR, 401: ERROR, 403: ERROR } as const;

export const REQUEST_ID_PARAMS = z.object({ id: z.string().min(1).max(128) });

/** A page's `after` (the cursor the last page gave) and `limit`. */
export const PAGE_QUERY = {
  after: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const REQUEST_SUMMARY = z.object({
  id: z.string(),
  kind: z.enum(REQUEST_KINDS),
  status: z.enum(REQUEST_STATUSES),
  channel: z.enum(INTAKE_CHANNELS),
  jurisdiction: z.string(),
  receivedAt: z.string(),
  due: z.string(),
  /** Days to the due day (negative once overdue); null once the request is closed. */
  daysLeft: z.number().int().nullable(),
  extended: z.boolean(),
  lastRunFailed: z.boolean(),
  version: z.number().int().optional(),
});
export type RequestSummary = z.infer<typeof REQUEST_SUMMARY>;

/** A request as the queue lists it: no identity values (those are in the audited detail view). */
export function requestSummary(request: RightsRequest, now: Date, version?: number): RequestSummary {
  const deadline = deadlineOf(request, now);
  return {
    id: request.id,
    kind: request.kind,
    status: request.status,
    channel: request.channel,
    jurisdiction: request.jurisdiction,
    receivedAt: request.receivedAt.toISOString(),
    due: deadline.due,
    daysLeft: daysLeft(request, now) ?? null,
    extended: deadline.extended,
    lastRunFailed: request.lastRunFailed,
    ...(version === undefined ? {} : { version }),
  };
}

export const storedSummary = (stored: StoredRequest, now: Date): RequestSummary => requestSummary(stored.request, now, stored.version);

/** The signed-in member as the access hook found them (routes requiring a permission always have one). */
export function signedIn(request: FastifyRequest): NonNullable<FastifyRequest['staff']> {
  if (!request.staff) throw new CustosError({ code: 'internal', message: `${request.routeOptions.url} ran without the access hook` });
  return request.staff;
}

/**
 * Who acts at the desk for the signed-in member: an officer when their role may approve (the workflow lets officers
 * decide), else an agent. The id is the account's, never an e-mail address.
 */
export function deskActor(request: FastifyRequest): Actor {
  const { member } = signedIn(request);
  return { role: roleAllows(member.role, 'requests:approve') ? 'officer' : 'agent', id: member.id };
}

/** The audit trail's name for the signed-in member. */
export const staffAuditActor = (request: FastifyRequest) => ({ kind: 'staff' as const, id: signedIn(request).member.id });

/** A reason staff write: told to the person or kept on record. */
export const REASON = z.string().trim().min(1).max(2000);
