// Requests from courts and authorities (K7.1): competence checked, only valid requests answered, the person informed
// beforehand or why not, only what is required disclosed; all recorded.
import { z } from 'zod';
import { instant, text } from './register-fields.js';

/** received → checking (someone checks competence) → answered | refused. */
export const AUTHORITY_REQUEST_STATUSES = ['received', 'checking', 'answered', 'refused'] as const;
export type AuthorityRequestStatus = (typeof AUTHORITY_REQUEST_STATUSES)[number];

/** Whether the person was told before the answer, and when; or why not (a court's gag order, an investigation). */
export const PERSON_INFORMED_SCHEMA = z.discriminatedUnion('informed', [
  z.object({ informed: z.literal(true), at: instant() }),
  z.object({ informed: z.literal(false), reason: text(2000) }),
]);

/** What the answer disclosed: categories of data and the collections they came from. */
export const DISCLOSURE_SCHEMA = z.object({
  categories: z.array(text(100)).max(100),
  collections: z.array(text(200)).max(200),
});

export const AUTHORITY_REQUEST_FIELDS = z.object({
  authority: text(300),
  /** Country or jurisdiction the authority acts under. */
  jurisdiction: text(64),
  legalBasis: text(2000),
  /** The day the authority set for the answer, when it set one. */
  dueAt: instant().optional(),
  /** The staff id of whoever checked the authority's competence. */
  competenceCheckedBy: text(100).optional(),
  /** Competent and validly formed (true), or not (false); absent until checked. */
  valid: z.boolean().optional(),
  validityReason: z.string().trim().max(2000).optional(),
  personInformed: PERSON_INFORMED_SCHEMA.optional(),
  disclosed: DISCLOSURE_SCHEMA.optional(),
  /** The desk request and the access run made to answer it. */
  requestId: text(100).optional(),
  runId: text(100).optional(),
});

export const AUTHORITY_REQUEST_SCHEMA = AUTHORITY_REQUEST_FIELDS.extend({
  kind: z.literal('authority-request'),
  id: text(100),
  receivedAt: instant(),
  status: z.enum(AUTHORITY_REQUEST_STATUSES),
  closedAt: instant().optional(),
});
export type AuthorityRequest = z.infer<typeof AUTHORITY_REQUEST_SCHEMA>;

/** The moves a status may make; an answered or refused request is closed. */
export const AUTHORITY_REQUEST_MOVES: Readonly<Record<AuthorityRequestStatus, readonly AuthorityRequestStatus[]>> = Object.freeze({
  received: ['checking', 'refused'],
  checking: ['answered', 'refused'],
  answered: [],
  refused: [],
});

/**
 * What must be on record before a move (K7.1), as `[field, fix]` pairs, empty when the move may be made. Answering needs
 * a competence check that found the request valid, the person informed or the reason not, and what was disclosed;
 * refusing needs the check and its reason.
 */
export function authorityRequestGaps(request: AuthorityRequest, to: AuthorityRequestStatus): readonly (readonly [string, string])[] {
  const gaps: [string, string][] = [];
  if (to === 'checking' || to === 'received') return gaps;
  if (request.competenceCheckedBy === undefined) gaps.push(['competenceCheckedBy', 'name who checked the authority’s competence']);
  if (to === 'answered') {
    if (request.valid !== true) gaps.push(['valid', 'only a request found competent and validly formed is answered']);
    if (request.personInformed === undefined) gaps.push(['personInformed', 'record when the person was informed, or why they were not']);
    if (request.disclosed === undefined) gaps.push(['disclosed', 'record the categories and collections disclosed']);
  } else {
    if (request.valid !== false) gaps.push(['valid', 'a refusal records that the request was found not valid (valid: false)']);
    if (!request.validityReason) gaps.push(['validityReason', 'say why the request is not valid']);
  }
  return gaps;
}
