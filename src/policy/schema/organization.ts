// `organization`: who the controller is, whom to contact and complain to, which laws apply, and the policy's review cycle.
import { z } from 'zod';
import { didYouMean } from '../suggest.js';
import { JURISDICTIONS, LANGUAGES, REQUEST_CHANNELS, RIGHTS, type Right } from '../vocabulary.js';
import { Country, DurationText, Id, IsoDate, LocalizedText } from './common.js';

export const Contact = z.strictObject({
  name: z.string().min(1).optional(),
  email: z.email().optional(),
  phone: z.string().min(3).optional(),
  address: z.string().min(1).optional(),
  url: z.url().optional(),
});

export const Authority = z.strictObject({
  name: LocalizedText,
  jurisdiction: z.enum(JURISDICTIONS).optional(),
  country: Country.optional(),
  url: z.url().optional(),
  address: z.string().optional(),
});

/** Directives after death are offered wherever the manifest states `rights.postMortem`, not per law. */
function refusePostMortem(rights: readonly Right[], ctx: z.RefinementCtx): void {
  rights.forEach((r, i) => {
    if (r !== 'post-mortem') return;
    ctx.addIssue({
      code: 'custom',
      path: [i],
      message: 'post-mortem directives are not granted per jurisdiction',
      params: { diagnostic: 'CUS002', fix: 'remove it here: the notice offers them wherever rights.postMortem is stated' },
    });
  });
}

/**
 * A jurisdiction's settings: overrides of a preset (anything left out keeps the preset's value), or, with `custom: true`
 * under a key that is no preset, a jurisdiction the manifest declares completely.
 */
export const JurisdictionSettings = z.strictObject({
  /** Declares a jurisdiction of the manifest's own under a key that is no preset. */
  custom: z.literal(true).optional(),
  /** Custom only: where the law applies, e.g. "Monaco". */
  name: LocalizedText.optional(),
  /** Custom only: the law's name. */
  law: LocalizedText.optional(),
  /** Time to answer a request. */
  deadline: DurationText.optional(),
  /** Extra time allowed with notice and reasons; `none` where the law allows none. */
  extension: z.union([DurationText, z.literal('none')]).optional(),
  /** Time to notify the authority of a confidentiality incident. */
  breachNotification: DurationText.optional(),
  /** Time to handle a complaint (K5.4). */
  complaints: DurationText.optional(),
  authority: Id.optional(),
  /** The rights granted where this law applies (a preset's list otherwise); post-mortem directives follow `rights.postMortem`. */
  rights: z.array(z.enum(RIGHTS)).superRefine(refusePostMortem).optional(),
  /** What the notice's deadline table says beside the law; `none` prints nothing. */
  notes: z.union([z.literal('none'), LocalizedText]).optional(),
  /** Custom only: the law makes every purpose rest on a stated legal basis (CUS030). */
  requiresLegalBasis: z.boolean().optional(),
});

type JurisdictionSettingsInput = z.infer<typeof JurisdictionSettings>;

/** Keys a preset fixes: the law decides them. */
const CUSTOM_ONLY = ['custom', 'name', 'law', 'requiresLegalBasis'] as const;
/** Keys a custom jurisdiction must declare, since no preset fills them in. */
const CUSTOM_REQUIRED = ['name', 'law', 'deadline', 'extension', 'rights', 'requiresLegalBasis'] as const;

const isPreset = (id: string): boolean => (JURISDICTIONS as readonly string[]).includes(id);

/** A preset key takes overrides only; any other key is a typo (CUS003) unless it declares a complete custom jurisdiction (CUS072). */
function checkJurisdictionKeys(entries: Record<string, JurisdictionSettingsInput>, ctx: z.RefinementCtx): void {
  for (const [id, settings] of Object.entries(entries)) {
    if (isPreset(id)) {
      for (const key of CUSTOM_ONLY.filter((k) => settings[k] !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [id, key],
          message: `"${id}" is a preset: its ${key === 'custom' ? 'definition' : key} is the law's, not the manifest's`,
          params: { diagnostic: 'CUS072', fix: `remove ${key}, or declare a jurisdiction of your own under another key with custom: true` },
        });
      }
    } else if (settings.custom !== true) {
      ctx.addIssue({
        code: 'custom',
        path: [id],
        message: `unknown jurisdiction "${id}"`,
        params: {
          diagnostic: 'CUS003',
          fix:
            didYouMean(id, JURISDICTIONS) ??
            `one of ${JURISDICTIONS.join(', ')}, or a jurisdiction of your own: custom: true with ${CUSTOM_REQUIRED.join(', ')}`,
        },
      });
    } else {
      const missing = CUSTOM_REQUIRED.filter((k) => settings[k] === undefined);
      if (missing.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: [id],
          message: `custom jurisdiction "${id}" does not declare ${missing.join(', ')}: no preset fills them in`,
          params: { diagnostic: 'CUS072', fix: `add ${missing.join(', ')} under organization.jurisdictions.${id}` },
        });
      }
    }
  }
}

export const Organization = z.strictObject({
  name: z.string().min(1),
  legalForm: z.string().optional(),
  registration: z.string().optional(),
  /** Optional: some policies give only an e-mail (lint says GDPR art. 13(1)(a) expects contact details, CUS083). */
  address: z.string().min(1).optional(),
  contact: Contact,
  dpo: Contact.optional(),
  representative: Contact.optional(),
  jointControllers: z.array(Contact).optional(),
  authorities: z.record(Id, Authority).optional(),
  /** Laws in force: a list of presets, or a map from preset to overrides (or from an id of its own to a custom jurisdiction). */
  jurisdictions: z.union([z.array(z.enum(JURISDICTIONS)).min(1), z.record(Id, JurisdictionSettings).superRefine(checkJurisdictionKeys)]),
  languages: z.array(z.enum(LANGUAGES)).min(1).optional(),
  policy: z.strictObject({
    version: z.union([z.string(), z.number()]).transform(String),
    effective: IsoDate.optional(),
    lastReviewed: IsoDate,
    reviewCycle: DurationText.optional(),
    /** Earlier versions and what changed in each; the notice lists them newest first. */
    history: z
      .array(z.strictObject({ version: z.union([z.string(), z.number()]).transform(String), date: IsoDate, changes: LocalizedText }))
      .optional(),
  }),
  /** K2.5: the boundary between data the provider controls and data its customers host (processor role). */
  scope: z
    .strictObject({
      controller: LocalizedText.optional(),
      processor: LocalizedText.optional(),
      dpaUrl: z.url().optional(),
    })
    .optional(),
  /** General description of security measures (art. 30(1)(g)); K4 statements that are said, not enforced. */
  security: z.array(LocalizedText).optional(),
  /** `automatic`: the notice says expired data is deleted or anonymised automatically, with a record of what was done. */
  deletion: z.literal('automatic').optional(),
});

const PostMortemDefault = z.enum(['destroy', 'keep', 'transfer']);

/** How people exercise their rights (K5). */
export const RightsSettings = z.strictObject({
  channels: z.partialRecord(z.enum(REQUEST_CHANNELS), z.string().min(1)).optional(),
  verification: LocalizedText.optional(),
  /** K5.1 directives after death: what happens without directives (`destroy`, `keep`, `transfer`); unstated, the notice says nothing. */
  postMortem: z
    .union([PostMortemDefault, z.strictObject({ default: PostMortemDefault.optional(), description: LocalizedText.optional() })])
    .optional(),
  /** `true`: the notice says rectifications and erasures are passed on to the recipients of the data (GDPR art. 19). */
  notifyRecipients: z.boolean().optional(),
  /** K5.2: an identity proof is deleted as soon as the request it supported is processed. */
  identityProofRetention: Id.optional(),
  fees: LocalizedText.optional(),
  /** `true`: the complaints section adds that the person may also complain to any other competent authority. */
  otherAuthorities: z.boolean().optional(),
});
