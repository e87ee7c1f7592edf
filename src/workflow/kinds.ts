// The request desk's closed vocabularies: what a person may ask, how it arrived, where it stands, who acts on it.
import type { RightsAction } from '../rights/index.js';

/** What a person may ask (K5.1), one kind per request. */
export const REQUEST_KINDS = [
  'access',
  'portability',
  'rectification',
  'erasure',
  'account-closure',
  'restriction',
  'restriction-lift',
  'objection',
  'withdraw-consent',
  'post-mortem',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * How a request reached the desk. Not the manifest's `REQUEST_CHANNELS` (the addresses a notice publishes: web, email,
 * post): requests also arrive through the provider's own API, which no notice lists.
 */
export const INTAKE_CHANNELS = ['web', 'email', 'post', 'api'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** Where a request stands. The last three are final: nothing moves a request out of them. */
export const REQUEST_STATUSES = [
  'received',
  'awaiting-verification',
  'awaiting-proof',
  'verified',
  'awaiting-approval',
  'approved',
  'running',
  'completed',
  'denied',
  'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const CLOSED_STATUSES = ['completed', 'denied', 'cancelled'] as const satisfies readonly RequestStatus[];
export type ClosedStatus = (typeof CLOSED_STATUSES)[number];

/** A request still owes the person an answer. */
export function isOpenStatus(status: RequestStatus): boolean {
  return !(CLOSED_STATUSES as readonly RequestStatus[]).includes(status);
}

/**
 * Who acts on a request: a privacy `officer` (approves what needs a decision), a desk `agent`, the `system` (automatic
 * steps, runs), the `requester` (the person, or whoever asks for them).
 */
export const ACTOR_ROLES = ['officer', 'agent', 'system', 'requester'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export interface Actor {
  readonly role: ActorRole;
  /** Staff login, service name or `requester`: never the person's e-mail or name. */
  readonly id: string;
}

export const RUN_OUTCOMES = ['succeeded', 'failed'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** What the deceased's directives ask for (the manifest's `rights.postMortem.default` speaks the same words). */
export const POST_MORTEM_DIRECTIVES = ['destroy', 'keep', 'transfer'] as const;
export type PostMortemDirective = (typeof POST_MORTEM_DIRECTIVES)[number];

/**
 * The rights-engine operations a request of each kind may run. Account closure is an erasure (K6.1); an objection ends
 * in a restriction or an erasure as the officer decides; post-mortem directives are carried out by an access (to an
 * heir) or an erasure. A withdrawal of consent is recorded in the consent ledger, not run against the stores: it has
 * none, and completes without a run.
 */
export const KIND_OPERATIONS = Object.freeze({
  access: ['access'],
  portability: ['portability'],
  rectification: ['rectify'],
  erasure: ['erase'],
  'account-closure': ['erase'],
  restriction: ['restrict'],
  'restriction-lift': ['lift-restriction'],
  objection: ['restrict', 'erase'],
  'withdraw-consent': [],
  'post-mortem': ['access', 'erase'],
} as const satisfies Readonly<Record<RequestKind, readonly RightsAction[]>>);

/** "an erasure request", "a rectification request": for messages. */
export function requestPhrase(kind: RequestKind): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} request`;
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
