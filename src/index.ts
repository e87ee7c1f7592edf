// Custos as a library, what a provider embeds: compile and lint a manifest, render its notice and record, plan and run rights requests.
// Deliberately smaller than the folders' own faces: what is here is the API we keep stable; the command line is not part of it.
export { CustosError, ERROR_CODES, isCustosError, type ErrorCode } from './errors.js';
export { fixedClock, systemClock, type Clock } from './clock.js';

// Manifest → diagnostics and a frozen model.
export {
  compilePolicy,
  compilePolicyFolder,
  formatDiagnostic,
  hasErrors,
  manifestJsonSchema,
  type CompileOptions,
  type CompileResult,
  type Diagnostic,
  type PolicyModel,
  type Severity,
} from './policy/index.js';
export type { ManifestFile } from './policy/sources.js';

// Model → the documents a provider publishes.
export {
  NOTICE_FORMATS,
  ROPA_FORMATS,
  renderDataMap,
  renderNotice,
  renderRopa,
  type DataMapFormat,
  type DataMapOptions,
  type NoticeFormat,
  type NoticeOptions,
  type RopaFormat,
  type RopaOptions,
} from './render/index.js';

// Rights requests: plan (pure), then run through connectors, journaled in Custos's store.
export {
  RIGHTS_ACTIONS,
  executeErasure,
  executeRectification,
  executeRestriction,
  exportPersonData,
  formatPlan,
  normalizeIdentities,
  parseIdentityArgs,
  planRequest,
  previewRequest,
  type ErasureResult,
  type ExecutionContext,
  type ExportOptions,
  type ExportResult,
  type ExportSink,
  type Identities,
  type ProgressEvent,
  type Rectification,
  type RectificationResult,
  type RestrictionResult,
  type RightsAction,
  type RightsPlan,
  type RunRequest,
} from './rights/index.js';
export {
  writeAccessPackage,
  writePortabilityDocument,
  type AccessPackageOptions,
  type AccessPackageResult,
} from './rights/package/index.js';
export { createConnectorPool, type ConnectorPool, type ConnectorPoolOptions } from './connectors/index.js';
export { openStore, type Store } from './store/index.js';
export { loadPseudonymKey } from './vault/index.js';
