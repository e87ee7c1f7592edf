// The policy layer's public face: load, validate, compile and lint a manifest into a PolicyModel.
export * from './model.js';
export * from './vocabulary.js';
export * from './diagnostics.js';
export { parseDuration, addDuration, subtractDuration, approximateDays, isZeroDuration, type Duration } from './duration.js';
export { localize } from './text.js';
export { foldCase, isPlain } from './fold.js';
export { collectionOf } from './collections.js';
export { anonymisingRule, fieldAnonymisation, linksToPerson, type FieldAnonymisation } from './anonymisation.js';
export { BREACH_KINDS, fieldBreaches, holdsCardNumbers, type BreachKind } from './breaches.js';
export { checkKeyIndex, keyPlaceholders, type KeyIndexCheck, type KeyIndexParts } from './keys.js';
export { locateSource, type LocatedSource, type ManifestSources } from './source-trace.js';
export { compilePolicy, compilePolicyFolder, type CompileOptions, type CompileResult } from './compiler.js';
export { manifestJsonSchema } from './json-schema.js';
export {
  BandOperator,
  FieldAnonymiser,
  GeneraliseDateOperator,
  PostcodePrefixOperator,
  SuppressOperator,
  TruncateIpOperator,
} from './schema/index.js';
export { DEFAULT_CATEGORIES } from './defaults/taxonomy.js';
export { JURISDICTION_PRESETS } from './defaults/jurisdictions.js';
