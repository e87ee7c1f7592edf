// The compiled PolicyModel: the frozen, indexed form of the manifest that every engine reads.
import type { Duration } from './duration.js';
import type { FieldAnonymiser } from './schema/anonymity.js';
import type {
  CardForm,
  CookieBasis,
  CookieCategory,
  DataClass,
  ErasureStrategy,
  FieldType,
  HandlingAction,
  JurisdictionId,
  Language,
  LegalBasis,
  Minimisation,
  Protection,
  RecipientKind,
  RedisType,
  ReferenceLink,
  RequestChannel,
  RetentionAction,
  RetentionTrigger,
  Right,
  ThirdPartyHandling,
  Region,
  Safeguard,
  StoreKind,
} from './vocabulary.js';

/** Text per language; renderers pick one with `localize`. */
export type Text = Readonly<Partial<Record<Language, string>>>;

export interface ContactModel {
  readonly name?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly address?: string | undefined;
  readonly url?: string | undefined;
}

export interface AuthorityModel {
  readonly id: string;
  readonly name: Text;
  readonly jurisdiction?: JurisdictionId | undefined;
  readonly country?: string | undefined;
  readonly url?: string | undefined;
  readonly address?: string | undefined;
}

/** A law in force: a preset merged with the manifest's overrides, or a jurisdiction the manifest declares itself. */
export interface Jurisdiction {
  /** The key under `organization.jurisdictions`: a preset id, or the manifest's own for a custom jurisdiction. */
  readonly id: string;
  /** The preset it is built on; undefined for a custom jurisdiction. */
  readonly preset?: JurisdictionId | undefined;
  readonly name: Text;
  readonly law: Text;
  /** The law as a clause names it: "where Quebec law applies". */
  readonly shortLaw: Text;
  readonly deadline: Duration;
  readonly deadlineText: string;
  /** Extra time allowed with notice and reasons; undefined where the law allows none. */
  readonly extension?: Duration | undefined;
  readonly extensionText?: string | undefined;
  readonly breachNotification?: Duration | undefined;
  readonly breachNotificationText?: string | undefined;
  /** Time to handle a complaint, when the manifest states one. */
  readonly complaints?: Duration | undefined;
  readonly complaintsText?: string | undefined;
  /** Empty when the manifest says `notes: none`. */
  readonly notes: Text;
  /** Rights granted where this law applies, in RIGHTS order; `post-mortem` only with `rights.postMortem`. */
  readonly rights: readonly Right[];
  /** Every purpose must state a legal basis where this law applies (CUS030). */
  readonly requiresLegalBasis: boolean;
  readonly authority?: AuthorityModel | undefined;
  /** The authority id the manifest named, if any (kept so the linter can report an unknown one). */
  readonly authorityRef?: string | undefined;
}

export interface OrganizationModel {
  readonly name: string;
  readonly legalForm?: string | undefined;
  readonly registration?: string | undefined;
  readonly address?: string | undefined;
  readonly contact: ContactModel;
  readonly dpo?: ContactModel | undefined;
  readonly representative?: ContactModel | undefined;
  readonly jointControllers: readonly ContactModel[];
  readonly policy: {
    readonly version: string;
    readonly effective?: string | undefined;
    readonly lastReviewed: string;
    /** Absent when the manifest declares no cycle: no review is due and the notice states none. */
    readonly reviewCycle?: Duration | undefined;
    readonly reviewCycleText?: string | undefined;
    /** lastReviewed + reviewCycle, as YYYY-MM-DD, when a cycle is declared. */
    readonly nextReview?: string | undefined;
    /** The revisions the manifest lists, newest first. */
    readonly history: readonly PolicyRevision[];
  };
  readonly scope?: { readonly controller?: Text; readonly processor?: Text; readonly dpaUrl?: string | undefined } | undefined;
  readonly security: readonly Text[];
  /** `automatic` when the manifest states that expired data is deleted or anonymised automatically. */
  readonly deletion?: 'automatic' | undefined;
}

export interface PolicyRevision {
  readonly version: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly changes: Text;
  /** Its index in the manifest's list (the model's order is by date), so lint points at it. */
  readonly position: number;
}

export interface CategoryModel {
  readonly key: string;
  readonly class: DataClass;
  readonly label: Text;
  readonly description?: Text | undefined;
  /** False when the provider added or re-classed it. */
  readonly builtIn: boolean;
}

export interface HandlingRuleModel {
  readonly class: DataClass;
  readonly actions: Readonly<Record<HandlingAction, Text>>;
  readonly storage: readonly Protection[];
  readonly exportInClear: boolean;
  readonly loggable: boolean;
  readonly shareable: boolean;
  /**
   * The action texts the notice may publish: those the manifest states, plus the built-in ones with `handlingTexts:
   * default`; none with `publish: false`.
   */
  readonly published: Readonly<Partial<Record<HandlingAction, Text>>>;
  /** False when the manifest keeps the class's texts unpublished (`publish: false`). */
  readonly publish: boolean;
}

export interface SubjectModel {
  readonly id: string;
  readonly name: Text;
  readonly description?: Text | undefined;
}

/**
 * Where data is: a country (ISO 3166-1 alpha-2), a region from the closed list, or the manifest's own words. Hosting
 * may state none of them (`unstated`).
 */
export type PlaceModel =
  | { readonly kind: 'country'; readonly country: string }
  | { readonly kind: 'region'; readonly region: Region }
  | { readonly kind: 'text'; readonly text: Text };

/** A GDPR safeguard by name, or one described in the manifest's words. */
export type SafeguardModel =
  { readonly kind: 'named'; readonly safeguard: Safeguard } | { readonly kind: 'described'; readonly description: Text };

export interface RecipientModel {
  readonly id: string;
  readonly name: Text;
  readonly kind: RecipientKind;
  readonly description?: Text | undefined;
  /** The categories declared for it; empty when it receives what a request concerns (`concernedByRequest`). */
  readonly categories: readonly string[];
  /** `categories: concerned-by-request`: it receives the information its request concerns, whatever that is. */
  readonly concernedByRequest: boolean;
  /** Data it collects from the person directly, which the provider never holds. */
  readonly collects?: { readonly categories: readonly string[]; readonly description?: Text | undefined } | undefined;
  readonly countries: readonly string[];
  /** Countries, then regions, then places in words: everything the manifest says of where the recipient is. */
  readonly places: readonly PlaceModel[];
  readonly safeguard?: SafeguardModel | undefined;
  readonly url?: string | undefined;
}

export interface LocationsModel {
  readonly hosting: readonly {
    readonly name: Text;
    /** Absent when the manifest does not state where this hosting is. */
    readonly place?: PlaceModel | undefined;
    readonly primary: boolean;
    readonly customerChosen: boolean;
  }[];
  readonly transfers: readonly {
    readonly to: PlaceModel;
    readonly description: Text;
    readonly safeguard: SafeguardModel;
    readonly remoteAccess: boolean;
  }[];
  readonly exclusions: readonly Text[];
}

/** How a rule states its period: kept that long (`duration`), kept at most that long (`atMost`), or never stored (`transient`). */
export type RetentionBound = 'exact' | 'at-most' | 'transient';

export interface RetentionRuleModel {
  readonly id: string;
  readonly description?: Text | undefined;
  readonly bound: RetentionBound;
  /** The period engines apply (an upper bound counts as the period); absent only for transient data. */
  readonly duration?: Duration | undefined;
  readonly durationText?: string | undefined;
  /** Absent only for transient data declared without one. */
  readonly trigger?: RetentionTrigger | undefined;
  readonly action: RetentionAction;
  readonly categories: readonly string[];
  /**
   * The purposes under which the rule governs its `categories`: those declared in `purposes:`, else those naming it as
   * their `retention:` (none for the identity-proof rule named only under `rights`); absent, every purpose processing them.
   */
  readonly scope?: readonly string[] | undefined;
  /** The consent that extends the period, by `duration` when the manifest fixes one. */
  readonly extendedBy?:
    { readonly consent: string; readonly duration?: Duration | undefined; readonly durationText?: string | undefined } | undefined;
  /** The legal hold the data passes under when the period ends. */
  readonly then?: string | undefined;
}

export interface LegalHoldModel {
  readonly id: string;
  readonly description: Text;
  readonly law?: Text | undefined;
  /** Absent: until the periods the law imposes expire; the hold never ends on its own. */
  readonly duration?: Duration | undefined;
  readonly durationText?: string | undefined;
  readonly trigger: RetentionTrigger;
  readonly categories: readonly string[];
  readonly jurisdiction?: string | undefined;
}

/** A recipient under one purpose and the categories it receives there. */
export interface PurposeRecipient {
  readonly id: string;
  /** Declared explicitly, or the purpose's categories that the recipient is declared to receive. */
  readonly categories: readonly string[];
  readonly explicit: boolean;
}

/** One legal basis of a purpose and, when it rests on several, the part of the processing this one covers. */
export interface PurposeBasis {
  readonly basis: LegalBasis;
  readonly covers?: Text | undefined;
}

export interface PurposeModel {
  readonly id: string;
  readonly name: Text;
  readonly description: Text;
  /** Empty when the manifest states none (an error only where a jurisdiction in force requires one). */
  readonly legalBases: readonly PurposeBasis[];
  readonly legitimateInterest?: Text | undefined;
  readonly consent?: string | undefined;
  readonly subjects: readonly string[];
  readonly categories: readonly string[];
  readonly recipients: readonly PurposeRecipient[];
  readonly retention?: string | undefined;
  readonly source?: Text | undefined;
  readonly automatedDecision?: Text | undefined;
  /** What happens if the person does not provide the data (GDPR art. 13(2)(e)). */
  readonly ifRefused?: Text | undefined;
  readonly portable: boolean;
}

export interface ConsentPurposeModel {
  readonly id: string;
  readonly name: Text;
  readonly description: Text;
  readonly expires?: Duration | undefined;
  readonly expiresText?: string | undefined;
}

/** A cookie as the provider's cookie policy states it: name, provider and lifetime are absent when the policy gives none. */
export interface CookieModel {
  readonly name?: string | undefined;
  readonly provider?: Text | undefined;
  readonly lifetime?: Duration | undefined;
  readonly lifetimeText?: string | undefined;
  readonly thirdParty: boolean;
  readonly description?: Text | undefined;
}

export interface CookieCategoryModel {
  readonly description: Text;
  /** `consent` unless the manifest says `legitimate-interest`; never read for `strictly-necessary`. */
  readonly basis: CookieBasis;
  /** How to object, for a category set on legitimate interest. */
  readonly optOut?: Text | undefined;
  readonly cookies: readonly CookieModel[];
}

export interface ConsentModel {
  readonly purposes: ReadonlyMap<string, ConsentPurposeModel>;
  readonly cookies: ReadonlyMap<CookieCategory, CookieCategoryModel>;
  /** Whether the manifest has a `consent.cookies` section at all (an empty one says the sites use no cookies). */
  readonly cookiesDeclared: boolean;
  /** The provider's own cookie policy, linked from the notice. */
  readonly cookiePolicy?: string | undefined;
  /** `false` when the manifest states the sites set no third-party cookies; undefined when it says nothing. */
  readonly thirdPartyCookies?: boolean | undefined;
  /** The manifest states the sites have a cookie banner. */
  readonly banner: boolean;
}

export interface RightsModel {
  readonly channels: Readonly<Partial<Record<RequestChannel, string>>>;
  readonly verification?: Text | undefined;
  /** Absent when the manifest says nothing on data after death. */
  readonly postMortem?:
    { readonly default?: 'destroy' | 'keep' | 'transfer' | undefined; readonly description?: Text | undefined } | undefined;
  /** The manifest states that rectifications and erasures are passed on to recipients. */
  readonly notifyRecipients: boolean;
  readonly identityProofRetention?: string | undefined;
  readonly fees?: Text | undefined;
  /** The manifest states the person may also complain to any other competent authority. */
  readonly otherAuthorities: boolean;
}

export interface IdentityKeyModel {
  readonly id: string;
  readonly type: FieldType;
  readonly label?: Text | undefined;
  readonly caseInsensitive: boolean;
  /** The stores hold it lower-cased already: lookups need not lower-case the stored value. */
  readonly storedLowercase: boolean;
}

export interface StoreModel {
  readonly kind: StoreKind;
  /** Absolute path of a SQLite file. */
  readonly file?: string | undefined;
  /** Inline URL, or the environment variable that holds it. */
  readonly url?: string | { readonly env: string } | undefined;
  readonly secret?: { readonly env: string } | undefined;
  readonly schema?: string | undefined;
  /** The profile this store was selected by, when not the base store. */
  readonly profile?: string | undefined;
}

export interface FieldRef {
  readonly dataset: string;
  readonly collection: string;
  readonly field: string;
}

/** A field's reference with what it means for a request (`association` when the manifest does not say). */
export interface ReferenceModel extends FieldRef {
  readonly link: ReferenceLink;
  /** False when the manifest left the link to its default (lint warns). */
  readonly declared: boolean;
}

export interface FieldModel {
  readonly name: string;
  readonly dataset: string;
  readonly collection: string;
  readonly category?: string | undefined;
  /** Class of the category, when the category is known. */
  readonly class?: DataClass | undefined;
  readonly type?: FieldType | undefined;
  readonly description?: Text | undefined;
  /** What people call the field, where the notice names it. */
  readonly label?: Text | undefined;
  readonly identity?: string | undefined;
  readonly references?: ReferenceModel | undefined;
  /**
   * The field holds a case-insensitive identity that may be stored in any case: connectors compare its lower-cased value
   * (`lower(email) IN (…)`), so `Ada@Example.com` is found by `ada@example.com`.
   */
  readonly foldCase?: boolean | undefined;
  /** The store refuses NULL in this field (NOT NULL). */
  readonly required?: boolean | undefined;
  /** Declared strategy, if any; the rights engine resolves defaults from the collection's `onErase`. */
  readonly strategy?: ErasureStrategy | undefined;
  readonly value?: string | number | boolean | null | undefined;
  readonly hold?: string | undefined;
  readonly protection: Protection;
  readonly card?: CardForm | undefined;
  readonly minimise?: Minimisation | undefined;
  /** What the `anonymise` retention action writes here instead of null (options resolved, defaults filled in). */
  readonly anonymise?: FieldAnonymiser | undefined;
  readonly provided: boolean;
  /** Declared unique in its collection (no two rows share a value). */
  readonly unique?: boolean | undefined;
  /** A known breach of its class's rules, declared while the data is removed (lint warns instead of refusing the field). */
  readonly violation?: ViolationModel | undefined;
}

export interface ViolationModel {
  readonly reason: Text;
  /** YYYY-MM-DD. */
  readonly found: string;
}

/** A collection's declared anonymity thresholds (see docs/anonymize.md for what each test measures). */
export interface AnonymityModel {
  readonly quasi: readonly string[];
  /** Empty when no sensitive attribute is declared (inference is then not checked). */
  readonly sensitive: readonly string[];
  readonly k: number;
  readonly l?: number | undefined;
  readonly t?: number | undefined;
}

/** How a person's rows are marked restricted (art. 18), and unmarked. */
export interface RestrictionModel {
  readonly field: string;
  /** Written to restrict (default true). */
  readonly value: string | number | boolean;
  /** Written to lift the restriction (default NULL). */
  readonly liftValue: string | number | boolean | null;
}

export interface CollectionModel {
  readonly dataset: string;
  readonly name: string;
  /** `dataset.collection`. */
  readonly qualifiedName: string;
  readonly description?: Text | undefined;
  readonly key?: string | undefined;
  readonly type?: RedisType | undefined;
  /** Redis: the set listing the keys per value of one placeholder of `key` (see the manifest's `keyIndex`). */
  readonly keyIndex?: string | undefined;
  readonly primaryKey: readonly string[];
  /** Identity key → the (first) field that holds it. */
  readonly identity: ReadonlyMap<string, string>;
  /** Identity key → every field that holds it (a primary and an alternate e-mail), the first being `identity`'s. */
  readonly identityFields: ReadonlyMap<string, readonly string[]>;
  /**
   * Trigger → `field`, or a field read through one or two references (`customer_id.closed_at`,
   * `order_id.customer_id.closed_at`). A trigger declared `none` is not here but in `undated`.
   */
  readonly timestamps: Readonly<Partial<Record<RetentionTrigger, string>>>;
  /** Triggers the collection declares it holds no date for (`none`): its rows expire with the parent they belong to. */
  readonly undated?: readonly RetentionTrigger[] | undefined;
  readonly retention?: string | undefined;
  /** The anonymity its rows must have once anonymised (checked after a sweep, cited by the notice). */
  readonly anonymity?: AnonymityModel | undefined;
  readonly onErase: 'delete-row' | 'mask';
  readonly restriction?: RestrictionModel | undefined;
  readonly outbox: boolean;
  readonly provided: boolean;
  /** The rows describe other people: how an access package handles them (absent: the person's own rows). */
  readonly thirdParty?: ThirdPartyHandling | undefined;
  readonly fields: ReadonlyMap<string, FieldModel>;
}

export interface DatasetModel {
  readonly id: string;
  readonly description?: Text | undefined;
  readonly store: StoreModel;
  readonly collections: ReadonlyMap<string, CollectionModel>;
}

export interface ClosurePrecondition {
  readonly id: string;
  readonly description: Text;
  readonly dataset: string;
  readonly collection: string;
  readonly when: Readonly<Record<string, readonly (string | number | boolean)[]>>;
}

export interface AccountsModel {
  readonly closure?: { readonly identity: string; readonly preconditions: readonly ClosurePrecondition[] } | undefined;
  readonly securityContacts?: { readonly dataset: string; readonly collection: string; readonly fields: readonly string[] } | undefined;
}

/** Indexes computed once at compile time, so engines and renderers never scan the whole model. */
export interface PolicyIndex {
  readonly purposesByCategory: ReadonlyMap<string, readonly PurposeModel[]>;
  readonly fieldsByCategory: ReadonlyMap<string, readonly FieldModel[]>;
  readonly retentionByCategory: ReadonlyMap<string, readonly RetentionRuleModel[]>;
  readonly holdsByCategory: ReadonlyMap<string, readonly LegalHoldModel[]>;
  readonly collectionsByIdentity: ReadonlyMap<string, readonly CollectionModel[]>;
  /** `dataset.collection` → collection. */
  readonly collections: ReadonlyMap<string, CollectionModel>;
  /** Categories actually held in some dataset field. */
  readonly heldCategories: ReadonlySet<string>;
}

export interface PolicyModel {
  readonly organization: OrganizationModel;
  readonly languages: readonly Language[];
  readonly jurisdictions: readonly Jurisdiction[];
  /** Rights granted by at least one jurisdiction in force, in RIGHTS order. */
  readonly grantedRights: readonly Right[];
  /** A jurisdiction in force requires every purpose to state a legal basis. */
  readonly legalBasisRequired: boolean;
  readonly authorities: ReadonlyMap<string, AuthorityModel>;
  readonly identities: ReadonlyMap<string, IdentityKeyModel>;
  readonly categories: ReadonlyMap<string, CategoryModel>;
  readonly handling: Readonly<Record<DataClass, HandlingRuleModel>>;
  /** The manifest asks the notice to list the forbidden categories (`taxonomy.forbidden: default` or `{ add, remove }`). */
  readonly forbiddenListed: boolean;
  /** The categories `taxonomy.forbidden` adds to the built-in list (made forbidden) and removes from it. */
  readonly forbiddenEdits: { readonly add: readonly string[]; readonly remove: readonly string[] };
  readonly subjects: ReadonlyMap<string, SubjectModel>;
  readonly recipients: ReadonlyMap<string, RecipientModel>;
  readonly locations: LocationsModel;
  readonly purposes: ReadonlyMap<string, PurposeModel>;
  readonly retention: ReadonlyMap<string, RetentionRuleModel>;
  readonly legalHolds: ReadonlyMap<string, LegalHoldModel>;
  readonly consent: ConsentModel;
  readonly rights: RightsModel;
  readonly datasets: ReadonlyMap<string, DatasetModel>;
  readonly accounts: AccountsModel;
  readonly index: PolicyIndex;
  /** Folder the manifest was loaded from (relative SQLite files resolve against it). */
  readonly baseDir: string;
}
