// What expires, removed on a timer: packages whose download link ran out unused, staff sessions past their limits.
import type { Clock } from '../clock.js';
import type { Desk } from '../desk/index.js';
import { toCustosError } from '../errors.js';
import type { StaffSessions } from '../store/index.js';

export interface HousekeepingInput {
  readonly desk: Pick<Desk, 'purgeExpiredPackages'>;
  readonly sessions: Pick<StaffSessions, 'purgeExpired'>;
  /** The server's session limits: a session unused for `idleMs` or older than `absoluteMs` is over. */
  readonly session: { readonly idleMs: number; readonly absoluteMs: number };
  readonly clock: Clock;
  /** Counts only, and failures by code: nothing here names a person. */
  readonly log: {
    info(fields: Record<string, unknown>, message: string): void;
    warn(fields: Record<string, unknown>, message: string): void;
  };
}

export interface HousekeepingPass {
  readonly packages: number;
  readonly sessions: number;
}

/** One pass: each purge on its own, so one failing (a store briefly out of reach) does not keep the other from running. */
export async function housekeep(input: HousekeepingInput): Promise<HousekeepingPass> {
  const now = input.clock.now().getTime();
  const attempt = async (what: string, work: () => Promise<number>): Promise<number> => {
    try {
      return await work();
    } catch (error) {
      input.log.warn({ purge: what, code: toCustosError(error).code }, 'housekeeping: a purge failed; the next pass tries again');
      return 0;
    }
  };
  const packages = await attempt('packages', () => input.desk.purgeExpiredPackages());
  const sessions = await attempt('sessions', () =>
    input.sessions.purgeExpired({
      idleBefore: new Date(now - input.session.idleMs),
      createdBefore: new Date(now - input.session.absoluteMs),
    }),
  );
  if (packages + sessions > 0) input.log.info({ packages, sessions }, 'housekeeping: expired packages and staff sessions removed');
  return { packages, sessions };
}

/**
 * Runs `pass` now and every `everyMs` after the previous pass ended (never two at once), until `stop()`, which waits for a
 * pass under way. The timer does not keep the process alive.
 */
export function every(everyMs: number, pass: () => Promise<unknown>): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = pass()
      .catch(() => undefined)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs).unref();
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
