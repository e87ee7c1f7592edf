// `subjects`, `recipients`, `locations`, `purposes`, `retention`, `legalHolds`: what is processed, why, by whom, where, how long (K2, K3).
import { z } from 'zod';
import { CONCERNED_BY_REQUEST, LEGAL_BASES, RECIPIENT_KINDS, RETENTION_ACTIONS, RETENTION_TRIGGERS, SAFEGUARDS } from '../vocabulary.js';
import { CategoryKey, Country, DurationText, Id, LocalizedText } from './common.js';

export const Subject = z.strictObject({
  name: LocalizedText,
  description: LocalizedText.optional(),
});

export const Recipient = z.strictObject({
  name: LocalizedText,
  kind: z.enum(RECIPIENT_KINDS),
  description: LocalizedText.optional(),
  /**
   * The only categories this recipient may receive (K2.3), or `concerned-by-request`: whatever a request it makes
   * concerns (an authority), which no list can state in advance.
   */
  categories: z.union([z.array(CategoryKey), z.literal(CONCERNED_BY_REQUEST)]).default([]),
  /** Data the recipient collects from the person itself and the provider never receives (a payment form). */
  collects: z.strictObject({ categories: z.array(CategoryKey).min(1), description: LocalizedText.optional() }).optional(),
  countries: z.array(Country).min(1).optional(),
  safeguard: z.enum(SAFEGUARDS).optional(),
  url: z.url().optional(),
});

export const Locations = z.strictObject({
  hosting: z
    .array(
      z.strictObject({
        name: LocalizedText,
        country: Country,
        primary: z.boolean().optional(),
        customerChosen: z.boolean().optional(),
      }),
    )
    .min(1),
  transfers: z
    .array(
      z.strictObject({
        to: Country,
        description: LocalizedText,
        safeguard: z.enum(SAFEGUARDS),
        remoteAccess: z.boolean().optional(),
      }),
    )
    .optional(),
  /** Recipients the provider promises never to use, e.g. "no group entity in country X". */
  exclusions: z.array(LocalizedText).optional(),
});

export const Purpose = z.strictObject({
  name: LocalizedText,
  description: LocalizedText,
  /** Optional in the schema so the linter can name the omission (CUS030) instead of a type error. */
  legalBasis: z.enum(LEGAL_BASES).optional(),
  /** Statement of the interest pursued, required in the notice when the basis is legitimate interest. */
  legitimateInterest: LocalizedText.optional(),
  /** Consent purpose that gates this purpose when the basis is consent. */
  consent: Id.optional(),
  subjects: z.array(Id).min(1),
  categories: z.array(CategoryKey).min(1),
  /** Recipients under this purpose: an id (receives the purpose's categories declared for it), or an id with the categories it receives. */
  recipients: z.array(z.union([Id, z.strictObject({ id: Id, categories: z.array(CategoryKey).min(1) })])).default([]),
  retention: Id.optional(),
  /** Where the data comes from when not from the person (art. 14). */
  source: LocalizedText.optional(),
  automatedDecision: LocalizedText.optional(),
  /** What happens if the person does not provide the data (GDPR art. 13(2)(e)). */
  ifRefused: LocalizedText.optional(),
  /** Whether data under this purpose is in scope of portability (provided by the person, consent or contract). */
  portable: z.boolean().optional(),
});

export const RetentionRule = z.strictObject({
  description: LocalizedText.optional(),
  duration: DurationText,
  trigger: z.enum(RETENTION_TRIGGERS),
  action: z.enum(RETENTION_ACTIONS).default('delete'),
  /** Categories this rule governs; for them it takes precedence over the rules of the purposes processing them. */
  categories: z.array(CategoryKey).optional(),
  /** K3.1 "unless the candidate agrees otherwise": a consent purpose, and the extra time (added to `duration`) it allows. */
  extendedBy: z.strictObject({ consent: Id, duration: DurationText }).optional(),
});

export const LegalHold = z.strictObject({
  description: LocalizedText,
  /** The law that requires it, as the notice cites it ("French Commercial Code, art. L123-22"), per language if need be. */
  law: LocalizedText.optional(),
  duration: DurationText,
  trigger: z.enum(RETENTION_TRIGGERS),
  /** Categories the hold keeps; everything else in a held record is stripped on erasure. */
  categories: z.array(CategoryKey).min(1),
  jurisdiction: z.string().optional(),
});
