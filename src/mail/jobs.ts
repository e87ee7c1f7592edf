// The `mail.send` job: a pass over the outbox as durable work, so messages go out in the background and retry.
import type { JobContext, JobHandler, JobQueue, WorkOptions } from '../jobs/index.js';
import { sendQueued, type MailSendResult, type SendQueuedOptions } from './send.js';

/** One waiting `mail.send` job at a time: the desk may ask for a pass after every message it queues. */
export const MAIL_SEND_KEY = 'mail.send';

export interface MailJobOptions extends Omit<SendQueuedOptions, 'signal'> {
  /** Told of each pass's results (the server logs them: ids, statuses, errors without addresses). Default: none. */
  readonly onResults?: (results: readonly MailSendResult[], job: JobContext) => void;
}

/**
 * The `mail.send` handler: one `sendQueued` pass. It completes even when some messages failed (their attempts are
 * counted in the outbox, which is what retries them); it throws only when the outbox cannot be read, so the job retries.
 * Messages that failed but may succeed later are picked up by the next pass: queue one with `queueMailSend`, e.g.
 * after each message and on a timer.
 */
export function mailSendHandler(options: MailJobOptions): JobHandler {
  const { onResults, ...send } = options;
  return async (job) => {
    const results = await sendQueued({ ...send, signal: job.signal });
    onResults?.(results, job);
  };
}

/** Registers the `mail.send` handler on the queue; resolves when the work stops (its signal, or the queue closing). */
export function mailJobs(queue: JobQueue, options: MailJobOptions, work: WorkOptions = {}): Promise<void> {
  return queue.work('mail.send', mailSendHandler(options), work);
}

/** Asks for a pass over the outbox (one waiting job at most); returns the job's id. Default start: now. */
export function queueMailSend(queue: JobQueue, startAfter?: Date): Promise<string> {
  return queue.send('mail.send', {}, { singletonKey: MAIL_SEND_KEY, ...(startAfter === undefined ? {} : { startAfter }) });
}
