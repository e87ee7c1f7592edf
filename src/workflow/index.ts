// The workflow's public face: rights requests at the desk, their state machine, approvals and deadlines (pure: no I/O, no clock).
export {
  ACTOR_ROLES,
  CLOSED_STATUSES,
  INTAKE_CHANNELS,
  KIND_OPERATIONS,
  POST_MORTEM_DIRECTIVES,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  RUN_OUTCOMES,
  isOpenStatus,
  type Actor,
  type ActorRole,
  type ClosedStatus,
  type IntakeChannel,
  type PostMortemDirective,
  type RequestKind,
  type RequestStatus,
  type RunOutcome,
} from './kinds.js';
export {
  receiveRequest,
  type ClockPause,
  type DeadlineExtension,
  type NewRightsRequest,
  type RequestDetailsByKind,
  type RequestRun,
  type RightsRequest,
  type RightsRequestOf,
} from './request.js';
export {
  APPROVAL_MODES,
  DEFAULT_APPROVAL_POLICY,
  approvalRefusal,
  resolveApprovalPolicy,
  type ApprovalMode,
  type ApprovalPolicy,
} from './approval.js';
export {
  EVENT_ROLES,
  REASON_REQUIRED,
  REQUEST_EVENTS,
  SYSTEM_ACTOR,
  TRANSITIONS,
  advanceAutomatically,
  allowedEvents,
  transition,
  type RequestEvent,
  type RequestEventType,
  type Transition,
  type TransitionContext,
  type TransitionResult,
} from './transitions.js';
export { deadlineOf, deadlineTerms, extensionRefusal, type DeadlineTerms, type RequestDeadline } from './deadlines.js';
export { daysLeft, dueWithin, overdue, unacknowledged } from './queries.js';
export type { CalendarDay } from './calendar.js';
export {
  PERMISSIONS,
  ROLE_PERMISSIONS,
  SESSION_STAGES,
  STAFF_ROLES,
  isStaffRole,
  roleAllows,
  type Permission,
  type SessionStage,
  type StaffRole,
} from './staff.js';
