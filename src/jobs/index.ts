// Durable background work: the public face. One JobQueue interface; pg-boss on PostgreSQL, an in-process worker on SQLite.
export { JOB_NAMES, JOB_STATES, isJobName, type JobName, type JobState } from './vocabulary.js';
export type { JobContext, JobHandler, JobInfo, JobPayload, JobPayloadValue, JobQueue, SendOptions, WorkOptions } from './queue.js';
export type { JobQueueOptions } from './options.js';
export { checkPayload } from './payload.js';
export { openSqliteJobQueue, type SqliteJobQueueOptions } from './sqlite.js';
export { migrateSqliteJobs, SQLITE_JOBS_MIGRATIONS } from './sqlite-migrations.js';
export { openPgBossJobQueue, type PgBossJobQueueOptions } from './pg-boss.js';
export { openJobQueue, DEFAULT_JOBS_FILE } from './open.js';
