// Intake: a submission checked against the manifest (its identity keys, the rights each law grants, its purposes).
import { randomBytes } from 'node:crypto';
import { CustosError } from '../errors.js';
import { LANGUAGES, type Language, type PolicyModel, type Right } from '../policy/index.js';
import { normalizeIdentities } from '../rights/index.js';
import { REQUEST_KINDS, receiveRequest, type IntakeChannel, type RequestKind, type RightsRequest } from '../workflow/index.js';

/** What a person (or staff for them) submits. */
export interface Submission {
  readonly kind: string;
  readonly channel: string;
  /** The id of one of the manifest's jurisdictions (`gdpr`, `quebec`). */
  readonly jurisdiction: string;
  /** Identity key → values (`{ email: ['ada@example.com'] }`): personal data, never logged or echoed. */
  readonly identities: Readonly<Record<string, readonly string[]>>;
  /** Per kind: `changes` (rectification), `purpose` (objection), `consent` (withdraw-consent), `directive` (post-mortem). */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
  /** One of the manifest's languages. Default: its first. */
  readonly language?: string | undefined;
}

/** The right of the manifest a request kind exercises. */
export const KIND_RIGHTS = Object.freeze({
  access: 'access',
  portability: 'portability',
  rectification: 'rectification',
  erasure: 'erasure',
  'account-closure': 'erasure',
  restriction: 'restriction',
  'restriction-lift': 'restriction',
  objection: 'objection',
  'withdraw-consent': 'withdraw-consent',
  'post-mortem': 'post-mortem',
} as const satisfies Readonly<Record<RequestKind, Right>>);

const invalid = (message: string, field: string): CustosError => new CustosError({ code: 'invalid-input', message, details: { field } });

/**
 * A fresh request id: the day of receipt and 10 random letters, about 47 bits (`req-20261123-kqzvbmwpxa`). Letters, not
 * hex: the audit trail refuses digits in groups (they look like a phone number), and so would a dashed date.
 */
export const newRequestId = (at: Date): string =>
  `req-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${[...randomBytes(10)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

/**
 * The request a submission makes, received at `at`: every field checked against the model, with an `invalid-input`
 * naming the field and the fix (never an identity value).
 */
export function intake(model: PolicyModel, input: Submission, channels: readonly IntakeChannel[], at: Date): RightsRequest {
  if (!(REQUEST_KINDS as readonly string[]).includes(input.kind)) throw invalid(`kind must be one of ${REQUEST_KINDS.join(', ')}`, 'kind');
  const kind = input.kind as RequestKind;
  if (!(channels as readonly string[]).includes(input.channel))
    throw invalid(`channel must be one of ${channels.join(', ')} here`, 'channel');
  const jurisdiction = model.jurisdictions.find((j) => j.id === input.jurisdiction);
  if (!jurisdiction)
    throw invalid(
      `jurisdiction must be one of the manifest's: ${model.jurisdictions.map((j) => j.id).join(', ') || 'none declared'}`,
      'jurisdiction',
    );
  const right = KIND_RIGHTS[kind];
  if (!jurisdiction.rights.includes(right))
    throw invalid(
      `the manifest grants no ${right} right where ${jurisdiction.id} applies: a ${kind} request cannot be made under it (granted: ${jurisdiction.rights.join(', ')})`,
      'kind',
    );
  const language = input.language ?? model.languages[0] ?? 'en';
  if (!(LANGUAGES as readonly string[]).includes(language) || !model.languages.includes(language as Language))
    throw invalid(`language must be one of the manifest's: ${model.languages.join(', ')}`, 'language');
  checkIdentities(model, input.identities);
  checkDetails(model, kind, input.details ?? {});
  const request = receiveRequest({
    id: newRequestId(at),
    kind,
    channel: input.channel,
    jurisdiction,
    receivedAt: at,
    identities: input.identities,
    details: input.details,
  });
  return Object.freeze({ ...request, language });
}

function checkIdentities(model: PolicyModel, identities: Readonly<Record<string, readonly string[]>>): void {
  if (typeof identities !== 'object' || identities === null) throw invalid('identities must be { key: [values] }', 'identities');
  for (const key of Object.keys(identities))
    if (!model.identities.has(key))
      throw invalid(
        `identities.${key} is not an identity key of the manifest; use one of: ${[...model.identities.keys()].join(', ')}`,
        `identities.${key}`,
      );
  // Types and normal forms as the rights engine will look them up; its errors name the key, never the value.
  const entries = Object.entries(identities).filter(([, values]) => Array.isArray(values) && values.length > 0);
  if (entries.length > 0) normalizeIdentities(model, new Map(entries));
}

function checkDetails(model: PolicyModel, kind: RequestKind, details: Readonly<Record<string, unknown>>): void {
  switch (kind) {
    case 'objection': {
      const purpose = details['purpose'];
      if (typeof purpose === 'string' && purpose.trim() !== '' && !model.purposes.has(purpose.trim()))
        throw invalid(
          `details.purpose names no purpose of the manifest; use one of: ${[...model.purposes.keys()].join(', ')}`,
          'details.purpose',
        );
      return;
    }
    case 'withdraw-consent': {
      const consent = details['consent'];
      if (typeof consent === 'string' && consent.trim() !== '' && !model.consent.purposes.has(consent.trim()))
        throw invalid(
          `details.consent names no consent purpose of the manifest; use one of: ${[...model.consent.purposes.keys()].join(', ') || 'none declared'}`,
          'details.consent',
        );
      return;
    }
    case 'rectification': {
      const changes = details['changes'];
      if (!Array.isArray(changes)) return; // receiveRequest says what is missing
      changes.forEach((change: unknown, i) => {
        const target = (change as { target?: unknown } | null)?.target;
        if (typeof target !== 'string') return;
        const t = target.trim();
        if (!model.categories.has(t) && !fieldExists(model, t))
          throw invalid(
            `details.changes[${i}].target is neither a category of the manifest (e.g. user.contact.phone) nor a dataset.collection.field`,
            `details.changes[${i}].target`,
          );
      });
      return;
    }
    case 'access':
    case 'portability':
    case 'erasure':
    case 'account-closure':
    case 'restriction':
    case 'restriction-lift':
    case 'post-mortem':
      return;
    default:
      return kind satisfies never;
  }
}

function fieldExists(model: PolicyModel, target: string): boolean {
  const dot = target.lastIndexOf('.');
  return dot > 0 && model.index.collections.get(target.slice(0, dot))?.fields.has(target.slice(dot + 1)) === true;
}
