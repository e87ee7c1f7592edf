// An audit entry: who did what to which ids, when; ids and counts only, checked before anything is written.
import { CustosError } from '../errors.js';
import { personalDataLook } from './personal-data.js';
import { ACTOR_KINDS, AUDIT_ACTIONS, SUBJECT_KINDS, type ActorKind, type AuditAction, type SubjectKind } from './vocabulary.js';

export interface AuditActor {
  readonly kind: ActorKind;
  /** The staff member's, person's, API key's or Custos component's id (`system`: e.g. `retention-scheduler`). */
  readonly id: string;
}

/** The ids an entry is about, by kind: `{ request: 'req_1', run: 'run_7' }`. */
export type AuditSubjects = Readonly<Partial<Record<SubjectKind, string>>>;

/** A detail: an id, a count, a flag, or a list of ids or counts (the collections a step reached, rows per table). */
export type AuditDetailValue = string | number | boolean | null | readonly (string | number)[];
export type AuditDetails = Readonly<Record<string, AuditDetailValue>>;

/** What a caller appends; the log gives it its `seq`, `at` and hashes. */
export interface NewAuditEntry {
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly subjects?: AuditSubjects;
  readonly details?: AuditDetails;
}

/** The part of an entry its hash covers (with the previous entry's hash). */
export interface AuditContent {
  readonly seq: number;
  /** ISO instant, UTC (`2026-11-23T10:15:00.000Z`). */
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly subjects: AuditSubjects;
  readonly details: AuditDetails;
}

/** An entry as stored: its content, the hash of the entry before it (or the genesis hash) and its own hash. */
export interface AuditEntry extends AuditContent {
  readonly prevHash: string;
  readonly hash: string;
}

/** Longer than any id Custos makes; a longer text is more likely a note about someone than an id. */
export const MAX_ID_LENGTH = 200;
const MAX_DETAILS = 64;
const MAX_LIST = 1000;
const KEY = /^[a-z][a-zA-Z0-9-]{0,63}$/;

/**
 * Checks an entry before it is written and returns a copy that holds only what the log stores. Refuses, with
 * `invalid-input` naming the field and never repeating the value, anything that looks like personal data (an e-mail
 * address, a phone number), a text longer than an id, a fraction, and words outside the vocabularies.
 */
export function checkNewEntry(entry: NewAuditEntry): NewAuditEntry & { readonly subjects: AuditSubjects; readonly details: AuditDetails } {
  const actor = entry.actor as Partial<AuditActor> | undefined;
  if (!ACTOR_KINDS.includes(actor?.kind as ActorKind))
    refuse('actor.kind', `is not one of ${ACTOR_KINDS.join(', ')}`, 'name who acted with one of these kinds');
  checkId('actor.id', actor?.id);
  if (!AUDIT_ACTIONS.includes(entry.action))
    refuse('action', 'is not an audit action', `use one of ${AUDIT_ACTIONS.join(', ')} (new actions are added to AUDIT_ACTIONS)`);
  const subjects: Partial<Record<SubjectKind, string>> = {};
  for (const [kind, id] of Object.entries(entry.subjects ?? {})) {
    if (!SUBJECT_KINDS.includes(kind as SubjectKind))
      refuse(`subjects.${kind}`, 'is not a subject kind', `name ids by one of ${SUBJECT_KINDS.join(', ')}`);
    checkId(`subjects.${kind}`, id);
    subjects[kind as SubjectKind] = id;
  }
  const details: Record<string, AuditDetailValue> = {};
  const entries = Object.entries(entry.details ?? {});
  if (entries.length > MAX_DETAILS) refuse('details', `has ${entries.length} keys`, `keep to ${MAX_DETAILS} ids and counts`);
  for (const [key, value] of entries) {
    if (!KEY.test(key) || personalDataLook(key))
      refuse('details key', 'is not a lower-camel or kebab-case name of up to 64 characters', 'name details like `rows` or `collections`');
    details[key] = checkDetail(`details.${key}`, value);
  }
  return { actor: { kind: actor!.kind!, id: actor!.id! }, action: entry.action, subjects, details };
}

function checkDetail(place: string, value: unknown): AuditDetailValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'string') return checkScalar(place, value);
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST) refuse(place, `lists ${value.length} values`, `keep to ${MAX_LIST}, or record a count`);
    return value.map((item, i) => checkScalar(`${place}[${i}]`, item));
  }
  return refuse(place, 'is neither an id, a count, a flag nor a list of ids or counts', 'record ids and counts only');
}

function checkScalar(place: string, value: unknown): string | number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) refuse(place, 'is not a whole number', 'record counts as whole numbers');
    return value;
  }
  checkId(place, value);
  return value as string;
}

function checkId(place: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) refuse(place, 'is not a non-empty text', 'give an id');
  const text = value as string;
  const look = personalDataLook(text);
  if (look)
    refuse(
      place,
      `looks like ${look}`,
      "an audit entry carries ids and counts, never personal data: record the person's or request's id instead",
    );
  if (text.length > MAX_ID_LENGTH)
    refuse(place, `is ${text.length} characters long`, `an id has at most ${MAX_ID_LENGTH}; record an id, not a text`);
}

/** The value is never repeated: it may be the very personal data the guard keeps out. */
function refuse(place: string, problem: string, fix: string): never {
  throw new CustosError({ code: 'invalid-input', message: `audit entry: ${place} ${problem}; ${fix}`, details: { field: place } });
}
