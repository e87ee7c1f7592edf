// The closed word lists of durable jobs: what kinds of work are queued, and the states a job goes through.

/** Kinds of background work. New names are appended: a queue holds jobs sent by older versions. */
export const JOB_NAMES = ['request.run', 'mail.send', 'retention.sweep'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/**
 * `queued` waits for its first attempt (or its `startAfter`), `retrying` waits for its next attempt after a failure or
 * after its worker died, `running` is held by a worker; the last three are final.
 */
export const JOB_STATES = ['queued', 'retrying', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export function isJobName(value: unknown): value is JobName {
  return (JOB_NAMES as readonly unknown[]).includes(value);
}
