// Time is injected: engines ask a Clock, never Date.now(), so retention and deadlines are testable with --now.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (for tests and `--now`). */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
