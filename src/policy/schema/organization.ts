// `organization`: who the controller is, whom to contact and complain to, which laws apply, and the policy's review cycle.
import { z } from 'zod';
import { JURISDICTIONS, LANGUAGES, REQUEST_CHANNELS } from '../vocabulary.js';
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

/** Overrides of a jurisdiction preset; anything left out keeps the preset's value. */
export const JurisdictionSettings = z.strictObject({
  /** Time to answer a request. */
  deadline: DurationText.optional(),
  /** Extra time allowed with notice and reasons; `none` where the law allows none. */
  extension: z.union([DurationText, z.literal('none')]).optional(),
  /** Time to notify the authority of a confidentiality incident. */
  breachNotification: DurationText.optional(),
  /** Time to handle a complaint (K5.4). */
  complaints: DurationText.optional(),
  authority: Id.optional(),
});

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
  /** Laws in force: a list of presets, or a map from preset to overrides. */
  jurisdictions: z.union([z.array(z.enum(JURISDICTIONS)).min(1), z.partialRecord(z.enum(JURISDICTIONS), JurisdictionSettings)]),
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
    .union([
      PostMortemDefault,
      z.strictObject({ default: PostMortemDefault.optional(), description: LocalizedText.optional() }),
    ])
    .optional(),
  /** `true`: the notice says rectifications and erasures are passed on to the recipients of the data (GDPR art. 19). */
  notifyRecipients: z.boolean().optional(),
  /** K5.2: an identity proof is deleted as soon as the request it supported is processed. */
  identityProofRetention: Id.optional(),
  fees: LocalizedText.optional(),
});
