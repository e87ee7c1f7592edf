// The open/closed state every connector carries, so use after close fails the same way everywhere.
import { CustosError } from '../errors.js';

/** Tracks whether a connector (or a transaction session) may still be used. */
export class Lifecycle {
  #closed = false;

  /** @param label what to name in the error, e.g. `dataset "crm"` or `the transaction`. */
  constructor(private readonly label: string) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** Throws CustosError('closed') once `close` has been called. */
  assertOpen(): void {
    if (this.#closed) throw this.closedError();
  }

  /** The error use after close gets (also when a client fails because it was closed under a running operation). */
  closedError(): CustosError {
    return new CustosError({ code: 'closed', message: `${this.label} is closed` });
  }

  /** Marks the lifecycle closed; returns false when it already was (close is idempotent). */
  close(): boolean {
    if (this.#closed) return false;
    this.#closed = true;
    return true;
  }
}

/** Throws CustosError('aborted') when the signal has fired. */
export function assertNotAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CustosError({ code: 'aborted', message: 'the operation was aborted', cause: signal.reason });
}
