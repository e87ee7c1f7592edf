// The closed word lists of the manifest language: each `as const` array gives both the type and the runtime check.

/** `fr-CA`: Quebec French ("renseignements personnels", "témoins"); manifest text without a `fr-CA` form falls back to `fr`. */
export const LANGUAGES = ['en', 'fr', 'fr-CA'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language a variant falls back to, and whose grammar and typography it shares: `fr-CA` → `fr`. */
export function baseLanguage(lang: Language): Language {
  return lang === 'fr-CA' ? 'fr' : lang;
}

/** Data classes (K1.1, K1.3, K1.4), from the least to the most protected. */
export const DATA_CLASSES = ['low', 'medium', 'high', 'special', 'forbidden'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/** The six handling actions a class has a rule for (K1.2). */
export const HANDLING_ACTIONS = ['create', 'store', 'use', 'share', 'archive', 'destroy'] as const;
export type HandlingAction = (typeof HANDLING_ACTIONS)[number];

/** GDPR art. 6(1) legal bases. */
export const LEGAL_BASES = ['consent', 'contract', 'legal-obligation', 'vital-interest', 'public-task', 'legitimate-interest'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Jurisdiction presets (REGULATORY.md), each overridable in the manifest. */
export const JURISDICTIONS = ['gdpr', 'uk-gdpr', 'quebec', 'pipeda', 'ccpa', 'lgpd', 'fadp'] as const;
export type JurisdictionId = (typeof JURISDICTIONS)[number];

/** What starts a retention clock (K3.1). */
export const RETENTION_TRIGGERS = [
  'collected',
  'last-activity',
  'last-contact',
  'contract-end',
  'request-replied',
  'request-processed',
  /** The person withdraws the consent the processing rests on (an unsubscribe). */
  'consent-withdrawn',
] as const;
export type RetentionTrigger = (typeof RETENTION_TRIGGERS)[number];

/** The timestamp a collection declares for a clock it holds no date for: its rows expire with their parent. */
export const UNDATED = 'none';

/** What happens when retention ends (K3.2). */
export const RETENTION_ACTIONS = ['delete', 'anonymise'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

/** How a field is treated when its owner's data is erased (`keep`: left as it is in a masked row). */
export const ERASURE_STRATEGIES = ['delete-row', 'keep', 'null', 'fixed', 'hash', 'truncate-ip', 'hold'] as const;
export type ErasureStrategy = (typeof ERASURE_STRATEGIES)[number];

/**
 * What a reference says about whose row is whose (issue 11). `belongs-to`: this row is the person's when the referenced
 * row is (an order of a customer). `owns`: the referenced row is this row's person's, unless another row references it
 * too (a billing address). `association`: the referenced row is someone or something else (a support rep, a product, a
 * shared lookup): a request never reaches one side through the other. Undeclared links are associations.
 */
export const REFERENCE_LINKS = ['belongs-to', 'owns', 'association'] as const;
export type ReferenceLink = (typeof REFERENCE_LINKS)[number];

/**
 * What an access package does with a collection's rows that describe other people than the requester (the agents of an
 * account, the people copied on a ticket): `include` them, `redact` their personal fields, or `count` them only.
 */
export const THIRD_PARTY_HANDLINGS = ['include', 'redact', 'count'] as const;
export type ThirdPartyHandling = (typeof THIRD_PARTY_HANDLINGS)[number];

/** How a value is protected at rest (K1.2, K4.2, K4.3). */
export const PROTECTIONS = ['clear', 'encrypted', 'hashed'] as const;
export type Protection = (typeof PROTECTIONS)[number];

/** What a payment-card field may hold (K1.3). `pan` and `cvc` are never acceptable. */
export const CARD_FORMS = ['bin', 'last4', 'bin-last4', 'token', 'pan', 'cvc'] as const;
export type CardForm = (typeof CARD_FORMS)[number];
export const SAFE_CARD_FORMS: readonly CardForm[] = ['bin', 'last4', 'bin-last4', 'token'];

/** Minimisation applied when a value is written (K4.1). */
export const MINIMISATIONS = ['truncate-ip', 'pseudonymise', 'generalise'] as const;
export type Minimisation = (typeof MINIMISATIONS)[number];

/** What a date is generalised to by the anonymise action's `generalise-date` operator (issue 15). */
export const DATE_GRANULARITIES = ['month', 'year'] as const;
export type DateGranularity = (typeof DATE_GRANULARITIES)[number];

/** What a suppressed value becomes: null, or the `*` that hierarchies use for "any value". */
export const SUPPRESSIONS = ['null', 'star'] as const;
export type Suppression = (typeof SUPPRESSIONS)[number];

/** What an anonymise operator does with a value it cannot read (not an address, not a date, not a number): null it, or stop. */
export const INVALID_VALUE_POLICIES = ['suppress', 'refuse'] as const;
export type InvalidValuePolicy = (typeof INVALID_VALUE_POLICIES)[number];

/** Scalar types a field can be declared with; rectification validates against them. */
export const FIELD_TYPES = ['string', 'email', 'phone', 'integer', 'number', 'boolean', 'date', 'datetime', 'ip', 'json'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Datastore engines Custos connects to. */
export const STORE_KINDS = ['sqlite', 'postgres', 'mysql', 'redis', 'http'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Shapes of a Redis collection. */
export const REDIS_TYPES = ['hash', 'string', 'set', 'list', 'zset'] as const;
export type RedisType = (typeof REDIS_TYPES)[number];

/** A recipient's `categories` when it receives whatever its request concerns (an authority), not a list stated in advance. */
export const CONCERNED_BY_REQUEST = 'concerned-by-request';

/** Recipient roles (K2.3). */
export const RECIPIENT_KINDS = ['processor', 'third-party', 'group-company', 'authority'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Transfer safeguards (K2.4). */
export const SAFEGUARDS = [
  'adequacy',
  'standard-contractual-clauses',
  'binding-corporate-rules',
  'consent',
  'contract-necessity',
  'none',
] as const;
export type Safeguard = (typeof SAFEGUARDS)[number];

/** Places named by region rather than country (hosting, transfers, recipients); their names are in the render tables. */
export const REGIONS = ['eu', 'eea'] as const;
export type Region = (typeof REGIONS)[number];

/** Rights of the people concerned (K5.1). */
export const RIGHTS = [
  'access',
  'rectification',
  'erasure',
  'portability',
  'restriction',
  'objection',
  'withdraw-consent',
  'post-mortem',
] as const;
export type Right = (typeof RIGHTS)[number];

/** Rights a jurisdiction's `rights` may list; `post-mortem` is offered wherever the manifest states `rights.postMortem`. */
export const JURISDICTION_RIGHTS = [
  'access',
  'rectification',
  'erasure',
  'portability',
  'restriction',
  'objection',
  'withdraw-consent',
] as const satisfies readonly Right[];
export type JurisdictionRight = (typeof JURISDICTION_RIGHTS)[number];

/** Cookie categories of the banner (K8.2); `strictly-necessary` never asks for consent. */
export const COOKIE_CATEGORIES = ['strictly-necessary', 'functional', 'analytics', 'targeting'] as const;
export type CookieCategory = (typeof COOKIE_CATEGORIES)[number];

/** What a cookie category is set on: the person's consent, or the provider's legitimate interest with a right to object. */
export const COOKIE_BASES = ['consent', 'legitimate-interest'] as const;
export type CookieBasis = (typeof COOKIE_BASES)[number];

/** Channels through which requests arrive (K5.2). */
export const REQUEST_CHANNELS = ['web', 'email', 'post'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
