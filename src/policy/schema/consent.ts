// `consent`: consent purposes with proof, and the cookie banner's categories (K8).
import { z } from 'zod';
import { COOKIE_BASES, COOKIE_CATEGORIES } from '../vocabulary.js';
import { DurationText, LocalizedText } from './common.js';

export const ConsentPurpose = z.strictObject({
  name: LocalizedText,
  description: LocalizedText,
  /** How long a consent stays valid before it must be asked again. */
  expires: DurationText.optional(),
});

/** A cookie as the provider's cookie policy states it: a policy that gives no name, provider or lifetime leaves it out. */
export const Cookie = z.strictObject({
  name: z.string().min(1).optional(),
  /** Who sets it (a company name: text per language when it is translated). */
  provider: LocalizedText.optional(),
  /** Absent when the policy states none: the notice then says nothing of it, it never invents one. */
  lifetime: DurationText.optional(),
  thirdParty: z.boolean().default(false),
  description: LocalizedText.optional(),
});

export const CookieCategorySettings = z.strictObject({
  description: LocalizedText,
  /**
   * What the cookies are set on: `consent` (only once accepted, the default outside `strictly-necessary`) or
   * `legitimate-interest` (set unless the person objects, as `optOut` says how).
   */
  basis: z.enum(COOKIE_BASES).optional(),
  /** How to object to a category set on legitimate interest (a setting, a link, an address). */
  optOut: LocalizedText.optional(),
  cookies: z.array(Cookie).default([]),
});

export const Consent = z.strictObject({
  purposes: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), ConsentPurpose).optional(),
  cookies: z.partialRecord(z.enum(COOKIE_CATEGORIES), CookieCategorySettings).optional(),
  /** The provider's own cookie policy, which the notice's cookies section links to. */
  cookiePolicy: z.url().optional(),
  /** `false`: the notice says the sites set no third-party cookies (and lint refuses a cookie declared `thirdParty: true`). */
  thirdPartyCookies: z.boolean().optional(),
  /** `true`: the sites have a cookie banner where consent is asked and choices can be changed. */
  banner: z.boolean().optional(),
});
