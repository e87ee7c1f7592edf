// The rights engine's public face: plan a request, then execute access, portability, rectification, erasure or restriction.
export * from './plan.js';
export { planRequest, type PlanRequestInput } from './planner.js';
export { describeBlocker, describeHold, formatErasure, formatPlan } from './format.js';
export {
  erasureReport,
  formatReport,
  notFoundReport,
  previewReport,
  rectificationReport,
  restrictionReport,
  REPORT_OUTCOMES,
  type ReportOutcome,
  type ReportRow,
  type RequestReport,
} from './report.js';
export { previewRequest, type RequestPreview } from './preview.js';
export { foldCase, foldIdentity, parseIdentityArgs, normalizeIdentities } from './identities.js';
export { PINNED_ROWS, resolveRequest, type ResolvedRequest, type Where } from './resolve.js';
export type { ExecutionContext, ProgressEvent, RunRequest } from './execute/context.js';
export { executeErasure, type ErasureResult } from './execute/erase.js';
export type { StepResult } from './execute/steps.js';
export type { ClosureBlocker } from './execute/closure.js';
export { executeRectification, type Rectification, type RectificationResult } from './execute/rectify.js';
export { executeRestriction, type RestrictionResult } from './execute/restrict.js';
export {
  exportPersonData,
  exportValue,
  portableFields,
  WITHHELD,
  type ExportOptions,
  type ExportSink,
  type ExportResult,
  type WithheldMarkers,
  type ExportedCollection,
  type ExportedValue,
} from './execute/export.js';
