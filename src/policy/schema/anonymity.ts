// The anonymise action in the manifest: a field's operator (`anonymise:`) and a collection's anonymity thresholds
// (`anonymity:`), which the sweep checks and the notice cites (issue 15). src/anonymize compiles the operators.
import { z } from 'zod';
import { DATE_GRANULARITIES, INVALID_VALUE_POLICIES, SUPPRESSIONS } from '../vocabulary.js';
import { StoreIdentifier } from './common.js';

const Invalid = z.enum(INVALID_VALUE_POLICIES).default('suppress');

export const TruncateIpOperator = z.strictObject({
  op: z.literal('truncate-ip'),
  /** Bits of an IPv4 address kept (default 16: the first half). */
  ipv4Prefix: z.int().min(0).max(32).default(16),
  /** Bits of an IPv6 address kept (default 48: the routing prefix of a site). */
  ipv6Prefix: z.int().min(0).max(128).default(48),
  invalid: Invalid,
});
export const GeneraliseDateOperator = z.strictObject({
  op: z.literal('generalise-date'),
  to: z.enum(DATE_GRANULARITIES),
  invalid: Invalid,
});
/** Either `width` (from `origin`, 0) or ascending `edges`: lint (CUS089) says which is missing or wrong, at its line. */
export const BandOperator = z.strictObject({
  op: z.literal('band'),
  width: z.number().positive().optional(),
  origin: z.number().optional(),
  edges: z.array(z.number()).min(1).optional(),
  invalid: Invalid,
});
export const PostcodePrefixOperator = z.strictObject({
  op: z.literal('postcode-prefix'),
  length: z.int().min(0).max(16),
  invalid: Invalid,
});
export const SuppressOperator = z.strictObject({ op: z.literal('suppress'), as: z.enum(SUPPRESSIONS).default('null') });

/**
 * What the anonymise action writes into one field instead of nulling it. Keyed pseudonyms are not offered here: they
 * link a person's records by design, which is what anonymisation removes; hierarchies need files the manifest does not
 * carry yet.
 */
export const FieldAnonymiser = z.discriminatedUnion('op', [
  TruncateIpOperator,
  GeneraliseDateOperator,
  BandOperator,
  PostcodePrefixOperator,
  SuppressOperator,
]);
export type FieldAnonymiser = z.output<typeof FieldAnonymiser>;

/**
 * The thresholds a collection's anonymised rows must meet (the three tests of WP29 opinion 05/2014): numbers are checked
 * by lint (CUS087) rather than here, so an error points at the line with the reason.
 */
export const AnonymityDeclaration = z.strictObject({
  /** Quasi-identifiers: fields someone could know from elsewhere (a plan, a region, a team size). */
  quasi: z.array(StoreIdentifier).min(1),
  /** The sensitive attribute(s) the inference test is about (one field or a list). */
  sensitive: z.union([StoreIdentifier, z.array(StoreIdentifier).min(1)]).optional(),
  /** Smallest equivalence class: every combination of quasi-identifiers is shared by at least `k` rows. */
  k: z.int(),
  /** Distinct values of each sensitive attribute in every class. */
  l: z.int().optional(),
  /** Largest distance of a class's sensitive values to the whole collection's (0–1); optional. */
  t: z.number().optional(),
});
