// The shape of a language's message table: every human word the renderers print, so a missing translation is a type error.
import type {
  CookieCategory,
  DataClass,
  HandlingAction,
  LegalBasis,
  RecipientKind,
  RequestChannel,
  RetentionAction,
  Region,
  Right,
  Safeguard,
} from '../../policy/index.js';
import type { Agreement } from './agreement.js';

/** Columns of the record of processing, in the order of GDPR art. 30(1) (a)–(g), plus the legal basis. */
export const ROPA_COLUMNS = [
  'controller',
  'controllerContact',
  'jointControllers',
  'representative',
  'dpo',
  'purposeId',
  'purpose',
  'description',
  'legalBasis',
  'subjects',
  'categories',
  'recipients',
  'transfers',
  'erasure',
  'legalHolds',
  'security',
] as const;
export type RopaColumn = (typeof ROPA_COLUMNS)[number];

export type PostMortemDefault = 'destroy' | 'keep' | 'transfer';

export interface Vocabulary {
  readonly legalBasis: Readonly<Record<LegalBasis, { readonly short: string; readonly text: string }>>;
  readonly safeguard: Readonly<Record<Safeguard, string>>;
  readonly recipientKind: Readonly<Record<RecipientKind, string>>;
  readonly dataClass: Readonly<Record<DataClass, string>>;
  readonly handlingAction: Readonly<Record<HandlingAction, string>>;
  readonly right: Readonly<Record<Right, { readonly title: string; readonly text: string }>>;
  readonly cookieCategory: Readonly<Record<CookieCategory, string>>;
  readonly channel: Readonly<Record<RequestChannel, string>>;
  readonly postMortem: Readonly<Record<PostMortemDefault, string>>;
}

export interface NoticeMessages {
  readonly title: (org: string) => string;
  readonly contents: string;
  readonly version: (version: string) => string;
  readonly effective: (date: string) => string;
  readonly lastReviewed: (date: string) => string;
  readonly generatedOn: (date: string) => string;
  readonly controller: {
    readonly heading: string;
    readonly intro: (org: string) => string;
    /** Without `address`, the registered office is left out. */
    readonly identity: (o: { name: string; legalForm?: string; registration?: string; address?: string }) => string;
    readonly contactIntro: string;
    readonly dpoHeading: string;
    readonly dpoIntro: string;
    readonly representativeHeading: string;
    readonly representativeIntro: string;
    readonly jointHeading: string;
    readonly jointIntro: string;
  };
  readonly contact: {
    readonly name: string;
    readonly email: string;
    readonly phone: string;
    readonly address: string;
    readonly url: string;
  };
  readonly scope: { readonly heading: string; readonly controller: string; readonly processor: string; readonly dpa: string };
  readonly data: {
    readonly heading: string;
    /** With a reference to the classification section, printed only when that section is. */
    readonly intro: (classificationTitle: string) => string;
    readonly introPlain: string;
    readonly subjectsHeading: string;
  };
  readonly purposes: {
    readonly heading: string;
    readonly intro: string;
    /** The same without legal bases, when no purpose states one and no law in force requires one. */
    readonly introWithoutBasis: string;
    readonly head: readonly [purpose: string, basis: string, retention: string];
    readonly legalBasis: string;
    readonly noLegalBasis: string;
    readonly interest: (interest: string) => string;
    readonly consent: (consentName: string) => string;
    readonly subjects: string;
    readonly data: string;
    readonly recipients: string;
    readonly noRecipients: string;
    readonly retention: string;
    readonly source: string;
    readonly automated: string;
    /** GDPR art. 13(2)(e): the consequence of not providing the data, when the manifest states it. */
    readonly ifRefused: string;
    readonly portability: string;
    readonly portable: string;
  };
  readonly retention: {
    readonly heading: string;
    readonly intro: string;
    readonly head: readonly [purpose: string, data: string, retention: string];
    /** Lower-case clauses: "kept for 24 months from collection, then deleted". */
    readonly keptFor: (period: string, action: RetentionAction, agreement?: Agreement) => string;
    /** "kept at most 24 months from collection, then deleted" (`atMost:`). */
    readonly keptAtMost: (period: string, action: RetentionAction, agreement?: Agreement) => string;
    /** "kept for 30 days after the end of the contract, then until the legal retention periods expire (hold)" (`then:`). */
    readonly keptThenHeld: (period: string, atMost: boolean, hold: string, agreement?: Agreement) => string;
    /** A zero period before a legal tail: "kept for the duration of the contract, then until … expire (hold)". */
    readonly keptUntilThenHeld: (until: string, hold: string, agreement?: Agreement) => string;
    readonly removed: (period: string, action: RetentionAction, agreement?: Agreement) => string;
    /** `transient: true`: never stored; `use` is the rule's description (what the data is used for), when given. */
    readonly transient: (use: string | undefined, agreement?: Agreement) => string;
    readonly extended: (duration: string, consentName: string) => string;
    /** `extendedBy` without a duration. */
    readonly extendedOpen: (consentName: string) => string;
    /** A legal hold without a duration. */
    readonly untilLegalPeriods: string;
    /** The retention table's row for a collection's own `retention:` ("Server logs (collection)"). */
    readonly collection: (name: string) => string;
    readonly notStated: string;
    /**
     * A collection's declared anonymity, after the table: "Satisfaction answers: anonymised 2 years from collection.
     * Each combination of region, plan and team size is then shared by at least 10 records, and …". Fields by label.
     */
    readonly anonymity: (a: AnonymityWords) => string;
    /** When periods are set per kind of data rather than for the whole purpose. */
    readonly byData: string;
    readonly allData: string;
    /** Printed only with `organization.deletion: automatic`. */
    readonly end: string;
    readonly holdsHeading: string;
    readonly holdsIntro: string;
    readonly holdsHead: readonly [obligation: string, data: string, duration: string, reference: string];
  };
  readonly recipients: {
    readonly heading: string;
    readonly intro: string;
    readonly none: string;
    readonly head: readonly [recipient: string, role: string, data: string, purposes: string, where: string, safeguard: string];
    /** What a recipient declared `categories: concerned-by-request` receives. */
    readonly concernedByRequest: string;
    /** A recipient collecting data from the person itself, which never reaches the provider. */
    readonly collects: (recipient: string, categories: string) => string;
  };
  readonly places: {
    readonly heading: string;
    readonly hostingHeading: string;
    readonly hostingIntro: string;
    readonly primary: string;
    readonly customerChosen: string;
    readonly transfersHeading: string;
    readonly transfersIntro: string;
    readonly remoteAccess: string;
    readonly transfer: string;
    readonly safeguard: (safeguard: string) => string;
    /** Names of the regions a place may be (`region: eu`). */
    readonly region: Readonly<Record<Region, string>>;
    readonly exclusionsHeading: string;
  };
  readonly cookies: {
    readonly heading: string;
    readonly intro: string;
    /** Printed only when the manifest declares a cookie banner. */
    readonly banner: string;
    readonly none: string;
    readonly noConsent: string;
    readonly consentNeeded: string;
    /** A category set on legitimate interest, with how to object when the manifest says it (`optOut`). */
    readonly legitimateInterest: (optOut: string | undefined) => string;
    /** Printed only with `consent.thirdPartyCookies: false`. */
    readonly noThirdParty: string;
    /** Before the link to the provider's cookie policy, beside the categories. */
    readonly policy: string;
    /** Before the link to the provider's cookie policy, when the manifest states no category itself. */
    readonly policyOnly: string;
    readonly head: readonly [name: string, provider: string, lifetime: string, thirdParty: string, purpose: string];
  };
  readonly protection: {
    readonly heading: string;
    readonly intro: string;
    readonly covers: (categories: string) => string;
    readonly neverHeading: string;
    readonly neverIntro: string;
    readonly securityHeading: string;
    readonly securityIntro: string;
  };
  readonly rights: {
    readonly heading: string;
    readonly intro: string;
    /** The same without legal bases, when no purpose states one and no law in force requires one. */
    readonly introWithoutBasis: string;
    /** The portability right without its GDPR condition on the legal basis, for the same notices. */
    readonly portabilityWithoutBasis: string;
    /** Appended to a right granted by only some of the laws in force: "where Quebec law applies". */
    readonly grantedWhere: (laws: string) => string;
    readonly exerciseHeading: string;
    readonly exerciseIntro: string;
    readonly verification: string;
    readonly identityProof: string;
    /** `clause` agrees with a feminine plural subject in French ("copies … supprimées"). */
    readonly identityProofClause: (clause: string) => string;
    readonly fees: string;
    readonly deadlinesHeading: string;
    readonly deadlinesIntro: string;
    readonly deadlinesHead: readonly [where: string, law: string, deadline: string, extension: string, notes: string];
    readonly extension: (duration: string) => string;
    readonly noExtension: string;
    readonly complaintsHeading: string;
    readonly complaints: (duration: string) => string;
    readonly complaintsBy: (jurisdiction: string, duration: string) => string;
    readonly authorityIntro: string;
    /** The same without "also", when no complaint-handling deadline is stated before it. */
    readonly authorityIntroAlone: string;
    /** Appended to the erasure right when legal holds are listed. */
    readonly seeHolds: string;
    /** Appended (with its separator) to rectification and erasure when the manifest states they are passed on (art. 19). */
    readonly passedOn: { readonly rectification: string; readonly erasure: string };
    readonly authorityUnknown: string;
    /** Printed only with `rights.otherAuthorities: true`. */
    readonly otherAuthorities: string;
    readonly postMortemHeading: string;
    readonly postMortemHow: string;
  };
  readonly changes: {
    readonly heading: string;
    /** Printed only with a declared review cycle. */
    readonly intro: string;
    readonly version: string;
    readonly effective: string;
    readonly lastReviewed: string;
    readonly cycle: string;
    readonly nextReview: string;
    /** Before the revisions the manifest lists (`organization.policy.history`), newest first. */
    readonly historyIntro: string;
    readonly historyHead: readonly [version: string, date: string, changes: string];
  };
}

export interface RopaMessages {
  readonly title: (org: string) => string;
  readonly lead: string;
  readonly controllerHeading: string;
  readonly activitiesHeading: string;
  readonly columns: Readonly<Record<RopaColumn, string>>;
  readonly none: string;
  /** The legal-basis cell of a purpose that states none where no law in force requires one. */
  readonly basisNotRequired: (laws: string) => string;
  readonly thirdCountry: (country: string, through: string, safeguard: string) => string;
}

export interface Messages {
  readonly yes: string;
  readonly no: string;
  readonly vocab: Vocabulary;
  readonly notice: NoticeMessages;
  readonly ropa: RopaMessages;
}

/** What the notice says of a collection's anonymity thresholds: its name, the period, and the fields by their labels. */
export interface AnonymityWords {
  readonly name: string;
  readonly period: string;
  readonly quasi: readonly string[];
  readonly k: number;
  readonly sensitive: readonly string[];
  readonly l?: number | undefined;
  readonly t?: number | undefined;
}
