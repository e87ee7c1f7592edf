// `identities` and `datasets`: where personal data lives, field by field, and how each field is erased (issue: rights engine).
import { z } from 'zod';
import {
  CARD_FORMS,
  ERASURE_STRATEGIES,
  FIELD_TYPES,
  MINIMISATIONS,
  REFERENCE_LINKS,
  THIRD_PARTY_HANDLINGS,
  PROTECTIONS,
  REDIS_TYPES,
  RETENTION_TRIGGERS,
  STORE_KINDS,
} from '../vocabulary.js';
import { AnonymityDeclaration, FieldAnonymiser } from './anonymity.js';
import { CategoryKey, ConfigValue, Id, IsoDate, LocalizedText, SecretRef, StoreIdentifier } from './common.js';

/** An identity a request can carry (email, customer id, handle…). */
export const IdentityKey = z.strictObject({
  type: z.enum(FIELD_TYPES).default('string'),
  label: LocalizedText.optional(),
  /** Values are compared case-insensitively (emails, handles); default: true for type email. */
  caseInsensitive: z.boolean().optional(),
  /**
   * The provider's application always stores this identity lower-cased, so lookups compare the stored value as it is
   * (a plain index serves them) instead of lower-casing it first. Default: false (stored as typed, `Ada@Example.com`).
   */
  storedLowercase: z.boolean().optional(),
});

const StoreFields = {
  kind: z.enum(STORE_KINDS),
  /** SQLite database file, relative to the manifest folder. */
  file: z.string().min(1).optional(),
  /** Connection URL (postgres, mysql, redis, http); use `{ env: NAME }` when it carries a password. */
  url: ConfigValue.optional(),
  /** Shared secret used to sign HTTP connector calls. */
  secret: SecretRef.optional(),
  /** Schema (PostgreSQL) or database name prefix, when not the connection default. */
  schema: StoreIdentifier.optional(),
};

export const Store = z.strictObject({
  ...StoreFields,
  /** Alternative stores selected by profile (`--profile NAME` or CUSTOS_PROFILE), e.g. SQLite for the demo, PostgreSQL in production. */
  profiles: z.record(Id, z.strictObject(StoreFields)).optional(),
});

/**
 * A known breach of the provider's own rules, declared so the data that really exists stays in the manifest (and so in
 * access and erasure) while it is being removed: full card numbers or security codes found in a table, a forbidden
 * category, a secret stored in clear. Lint reports it as a warning with the remediation instead of an error.
 */
export const Violation = z.strictObject({
  /** Why the data is there and what is being done about it, for the people who read the manifest. */
  reason: LocalizedText,
  /** The day it was found (YYYY-MM-DD). */
  found: IsoDate,
});

export const Field = z.strictObject({
  category: CategoryKey.optional(),
  type: z.enum(FIELD_TYPES).optional(),
  description: LocalizedText.optional(),
  /** What people call the field ("team size"), where the notice names it (the quasi-identifiers of `anonymity`). */
  label: LocalizedText.optional(),
  /** This field carries the named identity (alternative to the collection's `identity` map). */
  identity: Id.optional(),
  /** `collection.field` in the same dataset, or `dataset.collection.field`. */
  references: z
    .string()
    .regex(/^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*){1,2}$/, 'write "collection.field" or "dataset.collection.field"')
    .optional(),
  /**
   * What the reference means for a request: `belongs-to` (this row is the referenced row's person's), `owns` (the
   * referenced row is this row's person's unless shared), `association` (never walked). Default: association.
   */
  link: z.enum(REFERENCE_LINKS).optional(),
  /** The store refuses NULL here (NOT NULL): erasure never nulls it, it keeps or removes the whole row instead. */
  required: z.boolean().optional(),
  strategy: z.enum(ERASURE_STRATEGIES).optional(),
  /** Replacement for the `fixed` strategy. */
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  /** Legal hold that keeps this field on erasure (with strategy `hold`). */
  hold: Id.optional(),
  protection: z.enum(PROTECTIONS).optional(),
  card: z.enum(CARD_FORMS).optional(),
  minimise: z.enum(MINIMISATIONS).optional(),
  /** What the retention rule's `anonymise` action writes here instead of null (a band, a month, a prefix). */
  anonymise: FieldAnonymiser.optional(),
  /** Provided by the person (portability scope); defaults to the collection's setting. */
  provided: z.boolean().optional(),
  /**
   * No two rows hold the same value (a unique index in the store). Identity expansion then skips looking up a value it
   * found on a row of this very collection: the lookup could only find that row again.
   */
  unique: z.boolean().optional(),
  /** Data held against the rules of its class, known and being removed (see `Violation`). */
  violation: Violation.optional(),
});

/** A scalar the store holds in a flag column (restriction marks). */
const FlagValue = z.union([z.string(), z.number(), z.boolean()]);

/** `none`: the collection has no date for that clock (its rows expire with their parent); else a field, reached through at most two references. */
const TimestampSpec = z
  .string()
  .regex(
    /^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*){0,2}$/,
    'write "field", "reference_field.parent_field", "reference_field.parent_reference.field", or none',
  );

export const Collection = z.strictObject({
  description: LocalizedText.optional(),
  /** Key-value stores (Redis): key pattern with fields in braces, e.g. "session:{customer_id}:{id}"; tables ignore it. */
  key: z.string().min(1).optional(),
  /** Redis: the value type of matching keys. */
  type: z.enum(REDIS_TYPES).optional(),
  /**
   * Redis: a set per value of one placeholder of `key`, listing the collection's keys with that value, which the
   * provider's application keeps up to date (e.g. "customer_sessions:{customer_id}"). Lookups by that placeholder read
   * the set instead of scanning the keyspace; erasure removes the keys it deletes from their set. Tables ignore it.
   */
  keyIndex: z.string().min(1).optional(),
  primaryKey: z.union([StoreIdentifier, z.array(StoreIdentifier).min(1)]).optional(),
  /** Identity key → the field holding it, or several (a primary and an alternate e-mail): every one is looked up. */
  identity: z.record(Id, z.union([StoreIdentifier, z.array(StoreIdentifier).min(1)])).optional(),
  /**
   * Retention trigger → timestamp field that starts its clock; `ref.field` reads it through a reference (e.g.
   * `customer_id.closed_at`), `ref.ref.field` through two (`order_id.customer_id.closed_at`); `none` when the rows hold
   * no date for it and expire with the parent they belong to.
   */
  timestamps: z.partialRecord(z.enum(RETENTION_TRIGGERS), TimestampSpec).optional(),
  /** Retention rule for the rows of this collection, when not the one of its categories' purposes. */
  retention: Id.optional(),
  /** The anonymity the rows must have once that rule anonymises them: checked after each sweep, cited by the notice. */
  anonymity: AnonymityDeclaration.optional(),
  /** What erasure does to a row by default: remove it, or mask its personal fields. */
  onErase: z.enum(['delete-row', 'mask']).optional(),
  /**
   * K5/art. 18: how a person's rows are marked restricted: `value` (default true) is written to restrict, `liftValue`
   * (default NULL, refused when the field is `required`) to lift the mark.
   */
  restriction: z.strictObject({ field: StoreIdentifier, value: FlagValue.optional(), liftValue: FlagValue.optional() }).optional(),
  /**
   * The rows describe other people than the requester (an account's agents): the access package includes them,
   * redacts their personal fields, or counts them only, and says which. Absent: the rows are the person's own.
   */
  thirdParty: z.enum(THIRD_PARTY_HANDLINGS).optional(),
  /** K6.3: notification emails sent to the person (part of the access package). */
  outbox: z.boolean().optional(),
  /** Data the person provided themselves (portability, art. 20). */
  provided: z.boolean().optional(),
  fields: z.record(StoreIdentifier, Field),
});

export const Dataset = z.strictObject({
  description: LocalizedText.optional(),
  store: Store,
  collections: z.record(StoreIdentifier, Collection),
});

/** K6: account closure preconditions and security-contact hygiene. */
export const Accounts = z.strictObject({
  closure: z
    .strictObject({
      identity: Id,
      preconditions: z
        .array(
          z.strictObject({
            id: Id,
            description: LocalizedText,
            dataset: Id,
            collection: StoreIdentifier,
            /** Closure is blocked when any of the person's rows matches all of these field values. */
            when: z.record(
              StoreIdentifier,
              z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]),
            ),
          }),
        )
        .min(1),
    })
    .optional(),
  securityContacts: z.strictObject({ dataset: Id, collection: StoreIdentifier, fields: z.array(StoreIdentifier).min(1) }).optional(),
});
