// The retention engine's public face: compile the manifest's retention into per-collection conditions, then plan them.
export type {
  ClockHop,
  CompiledRetention,
  FieldOperator,
  HoldAfter,
  RetentionClock,
  RetentionCondition,
  RetentionProblem,
  TransientRule,
} from './conditions.js';
export { compileRetention, type CompileRetentionOptions } from './compile.js';
export { instantOf } from './clocks.js';
export {
  planRetention,
  planCompiled,
  type HeldRows,
  type PlanRetentionOptions,
  type RetentionPlan,
  type RetentionPlanEntry,
} from './plan.js';
export { formatRetentionPlan, formatRetentionSweep } from './format.js';
export { runRetention, type RetentionSweep, type RunRetentionOptions, type SweptCondition } from './run.js';
export { checkCollectionAnonymity, type RowFilter, type SweepAnonymity } from './anonymity.js';
export {
  forecastRetention,
  type ForecastRetentionOptions,
  type RetentionForecast,
  type RetentionForecastEntry,
  type RetentionForecastRule,
} from './forecast.js';
export {
  CUSTOS_DATA_KINDS,
  DEFAULT_REQUEST_PERIOD,
  REQUEST_RECORD_CATEGORY,
  custosDataOverrides,
  custosDataPeriods,
  formatCustosData,
  planCustosData,
  sweepCustosData,
  type CustosDataKind,
  type CustosDataOptions,
  type CustosDataPeriods,
  type CustosDataReport,
} from './own-data.js';
export { sweepHistory, sweptLines, type SweepHistoryEntry, type SweptLine, type SweptLinesOptions } from './history.js';
export {
  SWEEP_LEASE,
  dueSlot,
  runScheduledSweep,
  scheduledSweepId,
  slotSwept,
  sweepSchedule,
  type ScheduledSweepInput,
  type ScheduledSweepOutcome,
  type SweepSchedule,
} from './schedule.js';
