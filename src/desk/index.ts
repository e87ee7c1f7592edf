// The request desk's public face: what the HTTP routes and the command line call.
export { openDesk, deskJobs, type Desk, type OpenDeskInput, type Receipt } from './desk.js';
export { resolveDeskOptions, PROOF_MEDIA_TYPES, type DeskOptions, type ResolvedDeskOptions } from './options.js';
export { KIND_RIGHTS, type Submission } from './intake.js';
export { DESK_TEMPLATES, type DeskTemplate } from './messages.js';
export { EVENT_ACTIONS } from './moves.js';
export {
  NEXT_STEPS,
  NEXT_STEP,
  sentMessage,
  type NextStep,
  type RequestDetail,
  type RequestStatusView,
  type SentMessage,
} from './queries.js';
export { PREVIEW_STATUSES, type CollectionPreview, type OperationPreview, type PlanPreview } from './preview.js';
export { signAssertion, type AppAssertion } from './secrets.js';
export type { Download, DownloadState } from './packages.js';
export type { RunOptions } from './runs.js';
export { openRegisters, type RegisterListFilter, type Registers, type RegistersInput, type RegisterView } from './registers.js';
export { queueFilter, type QueueQuery } from './queue-filter.js';
