// Sign-in throttling: failed attempts counted per account and per address, both refused alike once over their limit.
import type { Clock } from '../../clock.js';

export interface LoginThrottleLimits {
  /** Failed sign-ins one account may take per window, whoever tries. */
  readonly perAccount: number;
  /** Failed sign-ins one address may make per window, whatever the accounts. */
  readonly perAddress: number;
  readonly windowMs: number;
}

/**
 * Counts failures in memory (one process: several processes each keep their own count, so the limit is per process).
 * An unknown e-mail is counted like a known one, so being throttled does not tell whether an account exists.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginThrottleLimits,
    private readonly clock: Clock,
  ) {}

  /** True when either the account or the address has used up its failures. */
  isBlocked(account: string, address: string): boolean {
    return (
      this.#recent(`account:${account}`).length >= this.limits.perAccount ||
      this.#recent(`address:${address}`).length >= this.limits.perAddress
    );
  }

  recordFailure(account: string, address: string): void {
    const now = this.clock.now().getTime();
    for (const key of [`account:${account}`, `address:${address}`]) this.#failures.set(key, [...this.#recent(key), now]);
  }

  /** A successful sign-in clears the account's count (not the address's: one address may be guessing many accounts). */
  recordSuccess(account: string): void {
    this.#failures.delete(`account:${account}`);
  }

  #recent(key: string): number[] {
    const since = this.clock.now().getTime() - this.limits.windowMs;
    const recent = (this.#failures.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.#failures.delete(key);
    return recent;
  }
}
