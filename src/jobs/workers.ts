// The work loops one queue runs, started by `work`, woken by this process's sends, stopped by a signal or by close.
import { CustosError } from '../errors.js';
import { resolveConcurrency, type ResolvedQueueOptions } from './options.js';
import type { JobHandler, WorkOptions } from './queue.js';
import { isJobName, type JobName } from './vocabulary.js';
import { WorkLoop, type JobSource } from './worker.js';

export class Workers {
  readonly #loops = new Set<{ name: JobName; loop: WorkLoop }>();
  #closed = false;

  constructor(
    private readonly source: JobSource,
    private readonly options: ResolvedQueueOptions,
    private readonly onError: (error: CustosError) => void,
    private readonly what: string,
  ) {}

  /** Throws `closed` once the queue is closed. */
  live(): void {
    if (this.#closed) throw new CustosError({ code: 'closed', message: `the ${this.what} job queue is closed` });
  }

  checkName(name: unknown): JobName {
    if (!isJobName(name))
      throw new CustosError({ code: 'invalid-input', message: `unknown job name ${JSON.stringify(String(name).slice(0, 40))}` });
    return name;
  }

  work(name: JobName, handler: JobHandler, options: WorkOptions = {}): void {
    this.live();
    this.checkName(name);
    const concurrency = resolveConcurrency(options);
    if (options.signal?.aborted) return;
    const loop = new WorkLoop(this.source, name, handler, {
      concurrency,
      pollIntervalMs: this.options.pollIntervalMs,
      onError: this.onError,
    });
    this.#loops.add({ name, loop });
    // A stopped loop stays listed: close still waits for the handlers it aborted.
    options.signal?.addEventListener('abort', () => loop.stop(true), { once: true });
  }

  notify(name: JobName): void {
    for (const entry of this.#loops) if (entry.name === name) entry.loop.notify();
  }

  /** Refuses new calls, then drains every loop together within the close timeout. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#loops].map(({ loop }) => loop.drain(this.options.closeTimeoutMs)));
    this.#loops.clear();
  }
}
