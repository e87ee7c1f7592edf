// The server loaders' background writes: batches sent one after another while rows are generated, the first failure kept.

export class WriteQueue {
  #pending: Promise<void> = Promise.resolve();
  #failed = false;
  #failure: unknown;
  #closed = false;

  /** Sends a batch once the batches before it are stored; skipped once one has failed (drain reports that failure). */
  push(send: () => Promise<void>): void {
    this.#pending = this.#pending.then(async () => {
      if (this.#failed) return;
      try {
        await send();
      } catch (error) {
        this.#failed = true;
        this.#failure = error;
      }
    });
  }

  /** Waits for every batch pushed so far; rethrows the first failure. */
  async drain(): Promise<void> {
    await this.#pending;
    if (this.#failed) throw this.#failure;
  }

  /** Waits for the batches still queued (a failure is drain's to report), then runs `release`; only the first call does. */
  async close(release: () => Promise<void> | void): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pending;
    await release();
  }
}
