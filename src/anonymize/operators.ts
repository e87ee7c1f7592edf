// Anonymisation operators: a typed spec (zod) the manifest can name per field, compiled once into a pure function of a value.
import { z } from 'zod';
import { CustosError } from '../errors.js';
import {
  BandOperator,
  GeneraliseDateOperator,
  INVALID_VALUE_POLICIES,
  PostcodePrefixOperator,
  SuppressOperator,
  TruncateIpOperator,
} from '../policy/index.js';
import { bandNumber, checkBands, generaliseDate, postcodePrefix, suppress, type NumberBands } from './generalise.js';
import { checkHierarchyLevel, type Hierarchy } from './hierarchy.js';
import { truncateIp } from './ip.js';
import { epochPseudonym, pseudonymEpochKey } from './pseudonym.js';

export { INVALID_VALUE_POLICIES };

/**
 * Every operator: the five a manifest may name per field (policy's `FieldAnonymiser`, one schema for both), and the two
 * that need more than the manifest holds (the vault's pseudonym key, a hierarchy file).
 */
export const AnonymiseOperatorSpec = z.discriminatedUnion('op', [
  TruncateIpOperator,
  z.strictObject({
    op: z.literal('pseudonym'),
    /** The key lifetime (epoch): a new id after rotation, so tokens of two lifetimes do not link. */
    keyId: z.string().min(1),
  }),
  GeneraliseDateOperator,
  BandOperator,
  PostcodePrefixOperator,
  z.strictObject({
    op: z.literal('hierarchy'),
    /** The name of a hierarchy given to `compileOperator` (read with `readHierarchy`). */
    hierarchy: z.string().min(1),
    level: z.int().min(0),
  }),
  SuppressOperator,
]);
export type AnonymiseOperatorSpec = z.input<typeof AnonymiseOperatorSpec>;
export const ANONYMISE_OPERATORS = [
  'truncate-ip',
  'pseudonym',
  'generalise-date',
  'band',
  'postcode-prefix',
  'hierarchy',
  'suppress',
] as const;
export type AnonymiseOperatorName = (typeof ANONYMISE_OPERATORS)[number];

/** What an anonymised value is: text, or null when suppressed (or when there was nothing to anonymise). */
export type AnonymisedValue = string | null;
/** A compiled operator: pure, fast, one value in, one value out. */
export type AnonymiseOperator = (value: unknown) => AnonymisedValue;

export interface OperatorContext {
  /** The vault's pseudonym key (`loadPseudonymKey()`), needed by `pseudonym`. */
  readonly pseudonymKey?: Uint8Array;
  /** Hierarchies by the name a `hierarchy` operator gives. */
  readonly hierarchies?: Readonly<Record<string, Hierarchy>>;
}

/**
 * Checks a spec (`where` names it in errors, e.g. `surveys.ip`) and compiles it. Null and undefined stay null. An unreadable
 * value is nulled (`invalid: 'suppress'`, the default: a sweep is not stopped by one bad row, and null reveals nothing) or
 * refused with an `invalid-input` error naming `where`, never the value.
 */
export function compileOperator(spec: AnonymiseOperatorSpec, context: OperatorContext, where: string): AnonymiseOperator {
  const parsed = AnonymiseOperatorSpec.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CustosError({
      code: 'invalid-input',
      message: `${where}: ${issue ? `${issue.path.join('.') || 'op'}: ${issue.message}` : 'not an anonymisation operator'} (operators: ${ANONYMISE_OPERATORS.join(', ')})`,
    });
  }
  const s = parsed.data;
  const unreadable = (what: string, invalid: 'suppress' | 'refuse') => (): null => {
    if (invalid === 'suppress') return null;
    throw new CustosError({
      code: 'invalid-input',
      message: `${where}: a value is not ${what} (the value is not shown)`,
      details: { field: where },
    });
  };
  switch (s.op) {
    case 'truncate-ip': {
      const prefixes = Object.freeze({ ipv4: s.ipv4Prefix, ipv6: s.ipv6Prefix });
      const bad = unreadable('an IP address', s.invalid);
      return (value) => (value == null ? null : (truncateIp(String(value), prefixes) ?? bad()));
    }
    case 'pseudonym': {
      if (context.pseudonymKey === undefined)
        throw new CustosError({ code: 'config', message: `${where}: a pseudonym needs the vault's pseudonym key (CUSTOS_PSEUDONYM_KEY)` });
      const epoch = pseudonymEpochKey(context.pseudonymKey, s.keyId);
      return (value) => (value == null ? null : epochPseudonym(String(value), epoch));
    }
    case 'generalise-date': {
      const bad = unreadable('a date', s.invalid);
      return (value) => (value == null ? null : (generaliseDate(value, s.to) ?? bad()));
    }
    case 'band': {
      const bands = checkBands(bandsOf(s, where), where);
      const bad = unreadable('a number', s.invalid);
      return (value) => (value == null || value === '' ? null : (bandNumber(value, bands) ?? bad()));
    }
    case 'postcode-prefix': {
      const bad = unreadable('a postcode', s.invalid);
      return (value) => (value == null ? null : (postcodePrefix(value, s.length) ?? bad()));
    }
    case 'hierarchy': {
      const hierarchy = context.hierarchies?.[s.hierarchy];
      if (hierarchy === undefined)
        throw new CustosError({
          code: 'invalid-input',
          message: `${where}: no hierarchy named "${s.hierarchy}" (given: ${Object.keys(context.hierarchies ?? {}).join(', ') || 'none'})`,
        });
      const level = checkHierarchyLevel(hierarchy, s.level, where);
      return (value) => hierarchy.generalise(value, level);
    }
    case 'suppress': {
      const replacement = suppress(s.as);
      return () => replacement;
    }
    default:
      return s satisfies never;
  }
}

function bandsOf(s: { width?: number | undefined; origin?: number | undefined; edges?: number[] | undefined }, where: string): NumberBands {
  if ((s.width === undefined) === (s.edges === undefined))
    throw new CustosError({
      code: 'invalid-input',
      message: `${where}: a band operator takes either \`width\` or \`edges\`, not both or neither`,
    });
  if (s.width !== undefined) return s.origin === undefined ? { width: s.width } : { width: s.width, origin: s.origin };
  return { edges: s.edges ?? [] };
}

/** A collection's operators compiled together: a row in, the anonymised values of its named fields out. */
export type RowAnonymiser = (row: Readonly<Record<string, unknown>>) => Record<string, AnonymisedValue>;

/**
 * Compiles one operator per field of `collection` (errors name `collection.field`). The function returns only the fields it
 * anonymises, ready for an update; a field the row lacks is anonymised from undefined (null).
 */
export function compileRowAnonymiser(
  collection: string,
  fields: Readonly<Record<string, AnonymiseOperatorSpec>>,
  context: OperatorContext,
): RowAnonymiser {
  const compiled = Object.entries(fields).map(
    ([field, spec]) => [field, compileOperator(spec, context, `${collection}.${field}`)] as const,
  );
  return (row) => {
    const out: Record<string, AnonymisedValue> = {};
    for (const [field, operator] of compiled) out[field] = operator(row[field]);
    return out;
  };
}
