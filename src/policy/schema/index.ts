// The manifest's zod schemas: the one definition behind validation, types and the published JSON Schema.
export { Manifest, MERGEABLE_SECTIONS, type ManifestData, type ManifestInput } from './manifest.js';
export { LocalizedText, type LocalizedTextInput } from './common.js';
export {
  AnonymityDeclaration,
  BandOperator,
  FieldAnonymiser,
  GeneraliseDateOperator,
  PostcodePrefixOperator,
  SuppressOperator,
  TruncateIpOperator,
} from './anonymity.js';
