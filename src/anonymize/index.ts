// Anonymisation: field masks shared by erasure and retention, the operators of the anonymise action (IP truncation, keyed
// pseudonyms per key lifetime, generalisation, suppression), and the anonymity check (singling out, linkability, inference).
export { HALF_ADDRESS, truncateIp, type IpPrefixes } from './ip.js';
export { epochPseudonym, pseudonymEpochKey, pseudonymise, PSEUDONYM_PREFIX, type PseudonymEpochKey } from './pseudonym.js';
export { COMPUTED_MASKS, computedMaskValue, isComputedMask, staticMaskValue, type ComputedMask, type MaskedValue } from './masks.js';
export {
  bandNumber,
  DATE_GRANULARITIES,
  generaliseDate,
  postcodePrefix,
  suppress,
  SUPPRESSIONS,
  type DateGranularity,
  type NumberBands,
  type Suppression,
} from './generalise.js';
export { readHierarchy, type Hierarchy } from './hierarchy.js';
export {
  ANONYMISE_OPERATORS,
  AnonymiseOperatorSpec,
  compileOperator,
  compileRowAnonymiser,
  INVALID_VALUE_POLICIES,
  type AnonymisedValue,
  type AnonymiseOperator,
  type AnonymiseOperatorName,
  type OperatorContext,
  type RowAnonymiser,
} from './operators.js';
export { readCsv, type CsvOptions, type CsvTable } from './csv.js';
export {
  AnonymityThresholds,
  checkAnonymity,
  checkAnonymityOfPages,
  checkAnonymityOfTable,
  type AnonymityCheckOptions,
  type AnonymityReport,
  type InferenceResult,
  type LinkabilityResult,
  type SinglingOutResult,
} from './check/check.js';
export type { AnonymityRow } from './check/columns.js';
export type { LinkFound, LinkTarget, StableIdentifier, UnkeyedHash } from './check/linkability.js';
export { formatAnonymityReport } from './check/format.js';
export { declaredCheckOptions, type CollectionCheckOverrides } from './check/collection.js';
