// `subjects`, `recipients`, `locations`, `purposes`, `retention`, `legalHolds`: what is processed, why, by whom, where, how long (K2, K3).
import { z } from 'zod';
import {
  CONCERNED_BY_REQUEST,
  LEGAL_BASES,
  RECIPIENT_KINDS,
  REGIONS,
  RETENTION_ACTIONS,
  RETENTION_TRIGGERS,
  SAFEGUARDS,
} from '../vocabulary.js';
import { CategoryKey, Country, DurationText, Id, LocalizedText } from './common.js';

export const Subject = z.strictObject({
  name: LocalizedText,
  description: LocalizedText.optional(),
});

/** A safeguard from the GDPR's list, or one described in the manifest's words ("measures under applicable law"). */
export const SafeguardSetting = z.union([z.enum(SAFEGUARDS), z.strictObject({ description: LocalizedText })]);

/** Reported as CUS076 by validate.ts: a place said more than one way, or (for a transfer) not at all. */
const placeProblem = (keys: readonly string[], required: boolean) => (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const given = keys.filter((k) => value[k] !== undefined);
  if (given.length > 1 || (required && given.length === 0))
    ctx.addIssue({
      code: 'custom',
      message: given.length > 1 ? `a place is stated one way only, here ${given.join(' and ')}` : `a transfer names where the data goes`,
      params: { diagnostic: 'CUS076', fix: `keep ${required ? 'exactly' : 'at most'} one of ${keys.join(', ')}` },
      // At the second way of saying it, else at the entry.
      ...(given[1] === undefined ? {} : { path: [given[1]] }),
    });
};

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
  /** Regions the recipient processes the data in ("the European Union"), beside or instead of countries. */
  regions: z.array(z.enum(REGIONS)).min(1).optional(),
  /** Places in the manifest's words ("the data centres you choose", "outside Quebec"). */
  places: z.array(LocalizedText).min(1).optional(),
  safeguard: SafeguardSetting.optional(),
  url: z.url().optional(),
});

export const Locations = z.strictObject({
  hosting: z
    .array(
      z
        .strictObject({
          name: LocalizedText,
          /** At most one of `country`, `region` and `place`; none says the country is not stated (only the name is printed). */
          country: Country.optional(),
          region: z.enum(REGIONS).optional(),
          place: LocalizedText.optional(),
          primary: z.boolean().optional(),
          customerChosen: z.boolean().optional(),
        })
        .superRefine(placeProblem(['country', 'region', 'place'], false)),
    )
    .min(1),
  transfers: z
    .array(
      z
        .strictObject({
          /** Exactly one of `to` (a country), `region` and `place`. */
          to: Country.optional(),
          region: z.enum(REGIONS).optional(),
          place: LocalizedText.optional(),
          description: LocalizedText,
          safeguard: SafeguardSetting,
          remoteAccess: z.boolean().optional(),
        })
        .superRefine(placeProblem(['to', 'region', 'place'], true)),
    )
    .optional(),
  /** Recipients the provider promises never to use, e.g. "no group entity in country X". */
  exclusions: z.array(LocalizedText).optional(),
});

/** One legal basis of a purpose, with the part of the processing it covers ("for the duration of the contract"). */
export const LegalBasisEntry = z.strictObject({ basis: z.enum(LEGAL_BASES), covers: LocalizedText.optional() });

export const Purpose = z.strictObject({
  name: LocalizedText,
  description: LocalizedText,
  /** Optional in the schema so the linter can name the omission (CUS030) instead of a type error. */
  /** One basis (`contract`), or several, each with what it covers. */
  legalBasis: z.union([z.enum(LEGAL_BASES), z.array(LegalBasisEntry).min(1)]).optional(),
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

/** Reported as CUS077 by validate.ts: a period stated more than one way or not at all, or a clock missing. */
function periodProblem(rule: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const given = ['duration', 'atMost', 'transient'].filter((k) => rule[k] !== undefined && rule[k] !== false);
  const report = (message: string, fix: string, at?: string) =>
    ctx.addIssue({ code: 'custom', message, params: { diagnostic: 'CUS077', fix }, ...(at === undefined ? {} : { path: [at] }) });
  if (given.length !== 1)
    return report(
      given.length === 0
        ? 'a retention rule states how long it keeps data'
        : `a period is stated one way only, here ${given.join(' and ')}`,
      'keep exactly one of duration (kept that long), atMost (kept at most that long) or transient: true (never stored)',
      given[1],
    );
  if (rule.transient === true) {
    const extra = ['extendedBy', 'then'].filter((k) => rule[k] !== undefined);
    if (extra.length > 0)
      report(`transient data is not kept, so it has no ${extra.join(' or ')}`, `remove ${extra.join(' and ')}`, extra[0]);
  } else if (rule.trigger === undefined) report('a kept period counts from a trigger', 'add trigger: (collected, contract-end, …)');
}

export const RetentionRule = z
  .strictObject({
    description: LocalizedText.optional(),
    /** Exactly one of `duration` (kept that long), `atMost` (kept at most that long) and `transient: true` (never stored). */
    duration: DurationText.optional(),
    atMost: DurationText.optional(),
    transient: z.literal(true).optional(),
    /** Required with `duration` or `atMost`. */
    trigger: z.enum(RETENTION_TRIGGERS).optional(),
    action: z.enum(RETENTION_ACTIONS).default('delete'),
    /** Categories this rule governs; for them it takes precedence over the rules of the purposes processing them. */
    categories: z.array(CategoryKey).optional(),
    /** With `categories`: the purposes under which the rule governs them (see docs/manifest.md for the rule without it). */
    purposes: z.array(Id).min(1).optional(),
    /** K3.1 "unless the candidate agrees otherwise": a consent purpose, and the extra time (added to `duration`) it allows, if fixed. */
    extendedBy: z.strictObject({ consent: Id, duration: DurationText.optional() }).optional(),
    /** A legal hold the data passes under once the period ends ("then until the legal retention periods expire"). */
    then: Id.optional(),
  })
  .superRefine(periodProblem);

export const LegalHold = z.strictObject({
  description: LocalizedText,
  /** The law that requires it, as the notice cites it ("French Commercial Code, art. L123-22"), per language if need be. */
  law: LocalizedText.optional(),
  /** Absent: kept until the periods the law imposes expire, which Custos does not count (the hold never ends on its own). */
  duration: DurationText.optional(),
  trigger: z.enum(RETENTION_TRIGGERS),
  /** Categories the hold keeps; everything else in a held record is stripped on erasure. */
  categories: z.array(CategoryKey).min(1),
  jurisdiction: z.string().optional(),
});
