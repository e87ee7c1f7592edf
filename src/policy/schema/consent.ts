// `consent`: consent purposes with proof, and the cookie banner's categories (K8).
import { z } from 'zod';
import { COOKIE_CATEGORIES } from '../vocabulary.js';
import { DurationText, LocalizedText } from './common.js';

export const ConsentPurpose = z.strictObject({
  name: LocalizedText,
  description: LocalizedText,
  /** How long a consent stays valid before it must be asked again. */
  expires: DurationText.optional(),
});

export const Cookie = z.strictObject({
  name: z.string().min(1),
  provider: z.string().min(1),
  lifetime: DurationText,
  thirdParty: z.boolean().default(false),
  description: LocalizedText.optional(),
});

export const CookieCategorySettings = z.strictObject({
  description: LocalizedText,
  cookies: z.array(Cookie).default([]),
});

export const Consent = z.strictObject({
  purposes: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), ConsentPurpose).optional(),
  cookies: z.partialRecord(z.enum(COOKIE_CATEGORIES), CookieCategorySettings).optional(),
  /** `true`: the sites have a cookie banner where consent is asked and choices can be changed. */
  banner: z.boolean().optional(),
});
