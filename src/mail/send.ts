// Sends what the outbox holds: each queued message claimed, rendered and handed to the transport, then marked sent or failed.
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../clock.js';
import { CustosError, isCustosError } from '../errors.js';
import type { Outbox, OutboxMessage } from '../store/index.js';
import { renderOutboxMessage, type MailRenderOptions } from './render.js';
import { secretParamsOf } from './templates.js';
import type { MailTransport } from './transport.js';

export interface SendQueuedOptions {
  readonly outbox: Outbox;
  readonly transport: MailTransport;
  readonly render: MailRenderOptions;
  /** When a message is marked sent. Default: the system clock. */
  readonly clock?: Clock;
  /** Messages taken in one pass, the oldest first. Default 50. */
  readonly limit?: number;
  /** Attempts before a message is marked `failed` for good. Default 5. */
  readonly maxAttempts?: number;
  /**
   * How long the pass holds the messages it claims: longer than a pass takes (a message whose claim ran out is left to
   * the next pass, unsent), short enough that the messages of a process that died go out soon after. Default 15 minutes.
   */
  readonly leaseMs?: number;
  /** Who claims the messages (an id, never personal data). Default: a new random id per pass. */
  readonly owner?: string;
  /** Stops before the next message once aborted. */
  readonly signal?: AbortSignal;
}

/**
 * What happened to one message: `sent`; `retrying` (the attempt failed, it stays queued); `failed` (final: attempts spent,
 * or params no attempt can fix); `kept` (no SMTP: it stays queued, readable in the outbox); `skipped` (another process
 * marked it first, or the pass's claim on it ran out before its turn); `unrecorded` (the outcome could not be written to
 * the outbox, which still holds it as queued).
 */
export const MAIL_SEND_STATUSES = ['sent', 'retrying', 'failed', 'kept', 'skipped', 'unrecorded'] as const;
export type MailSendStatus = (typeof MAIL_SEND_STATUSES)[number];

/** One message's outcome: ids and the template only, never the recipient. */
export interface MailSendResult {
  readonly id: string;
  readonly template: string;
  readonly status: MailSendStatus;
  /** Attempts counted once this pass is recorded. */
  readonly attempts: number;
  /** Why it was not sent: a message naming the server or the template's field, without addresses or secrets. */
  readonly error?: string;
}

const ADDRESS = /[^\s<>"'()[\],;:]+@[^\s<>"'()[\],;:]+/g;

/** A failure's first line, at most 300 characters, any e-mail address in it replaced: a foreign error may quote one. */
function failureText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split('\n', 1)[0] ?? '').replace(ADDRESS, '[address]').trim() || 'the transport failed without a message';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

function whole(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  throw new CustosError({
    code: 'invalid-input',
    message: `sendQueued ${name} must be a whole number from ${min} to ${max}`,
    details: { field: name },
  });
}

type ResolvedSend = Required<Omit<SendQueuedOptions, 'signal' | 'owner'>>;

async function sendOne(message: OutboxMessage, o: ResolvedSend): Promise<MailSendResult> {
  const base = { id: message.id, template: message.template };
  const fail = async (error: unknown, final: boolean): Promise<MailSendResult> => {
    const attempts = message.attempts + 1;
    const text = failureText(error);
    try {
      if (!(await o.outbox.markAttemptFailed(message.id, final))) return { ...base, status: 'skipped', attempts: message.attempts };
    } catch (recording) {
      return { ...base, status: 'unrecorded', attempts: message.attempts, error: `${text}; then ${failureText(recording)}` };
    }
    return { ...base, status: final ? 'failed' : 'retrying', attempts, error: text };
  };
  let rendered;
  try {
    rendered = renderOutboxMessage(message, o.render);
  } catch (error) {
    // A template that cannot be filled will not be filled by trying again: the message fails at once.
    return fail(error, isCustosError(error) && error.code === 'invalid-input');
  }
  if (!o.transport.delivers) return { ...base, status: 'kept', attempts: message.attempts };
  if (message.claimedUntil !== undefined && o.clock.now() >= message.claimedUntil)
    // Another pass may have claimed it since: sending it now could send it twice.
    return { ...base, status: 'skipped', attempts: message.attempts, error: 'the pass’s claim on it ran out before its turn' };
  try {
    await o.transport.send({ id: message.id, to: message.to, ...rendered });
  } catch (error) {
    const permanent = isCustosError(error) && error.details['permanent'] === true;
    return fail(error, permanent || message.attempts + 1 >= o.maxAttempts);
  }
  try {
    // The code or download link has reached the person: the outbox stops holding it.
    const marked = await o.outbox.markSent(message.id, o.clock.now(), secretParamsOf(message.template));
    return marked
      ? { ...base, status: 'sent', attempts: message.attempts + 1 }
      : { ...base, status: 'skipped', attempts: message.attempts };
  } catch (error) {
    return { ...base, status: 'unrecorded', attempts: message.attempts, error: `sent, but not recorded as sent: ${failureText(error)}` };
  }
}

/**
 * Claims up to `limit` queued messages (`Outbox.claim`: passes running at once in several processes never get the same
 * message) and renders and sends them one after the other. One message's failure never stops the next: each gets its
 * result. A failed attempt is counted in the outbox; the `maxAttempts`th is final. Marking a message ends its claim;
 * a pass stopped by its signal gives back the messages it did not reach. With `outboxOnly`, nothing is claimed: messages
 * are rendered (so bad params still fail) and stay queued. Delivery is at least once: a process that dies between the
 * server's acceptance and `markSent` leaves its claim, and once that ends the message is sent again, with the same
 * Message-ID.
 */
export async function sendQueued(options: SendQueuedOptions): Promise<readonly MailSendResult[]> {
  const resolved = {
    outbox: options.outbox,
    transport: options.transport,
    render: options.render,
    clock: options.clock ?? systemClock,
    limit: whole('limit', options.limit, 50, 1, 10_000),
    maxAttempts: whole('maxAttempts', options.maxAttempts, 5, 1, 100),
    leaseMs: whole('leaseMs', options.leaseMs, 15 * 60_000, 1000, 24 * 3_600_000),
  };
  const owner = options.owner ?? `mail-${randomUUID()}`;
  const { outbox, transport, clock, limit, leaseMs } = resolved;
  const messages = transport.delivers ? await outbox.claim({ owner, limit, now: clock.now(), leaseMs }) : await outbox.queued(limit);
  const results: MailSendResult[] = [];
  for (const message of messages) {
    if (options.signal?.aborted) break;
    results.push(await sendOne(message, resolved));
  }
  if (transport.delivers && results.length < messages.length)
    // Stopped early: the next pass (this process's or another's) need not wait for the claims to end. Should the store
    // fail here, the claims end by themselves.
    await outbox
      .release(
        messages.slice(results.length).map((m) => m.id),
        owner,
      )
      .catch(() => undefined);
  return results;
}
