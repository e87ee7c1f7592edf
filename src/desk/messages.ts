// The messages the desk queues in the outbox: src/mail's templates, their params typed and checked before they are queued.
import type { NewOutboxMessage } from '../store/index.js';
import { randomBytes } from 'node:crypto';
import { localize, type Duration, type Language, type PolicyModel } from '../policy/index.js';
import { messageParams, type ClosureBlocker, type TemplateId, type TemplateParams } from '../mail/index.js';
import type { ClosureBlocker as RunBlocker } from '../rights/index.js';
import type { RightsRequest } from '../workflow/index.js';
import type { DeskCore } from './core.js';

/** Templates the desk sends to the person; `src/mail` renders them in the request's language. */
export const DESK_TEMPLATES = [
  'verification-code',
  'proof-needed',
  'completed',
  'closure-blocked',
  'denied',
  'extended',
  'cancelled',
] as const satisfies readonly TemplateId[];
export type DeskTemplate = (typeof DESK_TEMPLATES)[number];

/** The e-mail address the person is written to: the request's first value of an identity typed `email`. */
export function contactOf(model: PolicyModel, request: RightsRequest): string | undefined {
  for (const [key, values] of Object.entries(request.identities))
    if (model.identities.get(key)?.type === 'email' && values[0] !== undefined) return values[0];
  return undefined;
}

/** The language the person is written in: the request's, else the manifest's first. */
export const languageOf = (core: DeskCore, request: RightsRequest): Language =>
  (request.language ?? core.model.languages[0] ?? 'en') as Language;

/**
 * Queues `template` for the person with `params`, checked by the template's schema (`messageParams`): a param the
 * template does not take is a type error here, and a bad value an `invalid-input` before anything is queued. A request
 * with no e-mail address (registered from a letter) gets none: staff answer it by post. Returns the message id, or undefined.
 */
export async function enqueueMessage<T extends DeskTemplate>(
  core: DeskCore,
  request: RightsRequest,
  template: T,
  params: TemplateParams<T>,
): Promise<string | undefined> {
  const message = composeMessage(core, request, template, params);
  if (message === undefined) return undefined;
  await core.store.outbox.enqueue(message);
  return message.id;
}

/**
 * The message as the outbox queues it (its params checked against the template), for a write of its own or for the
 * request change that sends it (`applyMoves`'s `messages`); undefined when the request gives no address to write to.
 */
export function composeMessage<T extends DeskTemplate>(
  core: DeskCore,
  request: RightsRequest,
  template: T,
  params: TemplateParams<T>,
): NewOutboxMessage | undefined {
  const to = contactOf(core.model, request);
  if (to === undefined) return undefined;
  return {
    id: `msg-${randomBytes(8).toString('hex')}`,
    requestId: request.id,
    to,
    template,
    language: languageOf(core, request),
    params: messageParams(template, params),
    queuedAt: core.clock.now(),
  };
}

/** The absolute link that hands a package over once: the privacy center's download page for the token. */
export const downloadUrlOf = (core: DeskCore, token: string): string =>
  `${core.options.privacyCenterUrl}/download/${encodeURIComponent(token)}`;

/** A closure's blockers as the person reads them: the manifest's precondition descriptions, in the request's language. */
export function blockersInWords(core: DeskCore, request: RightsRequest, blockers: readonly RunBlocker[]): ClosureBlocker[] {
  const lang = languageOf(core, request);
  return blockers.map((b) => ({ description: localize(b.description, lang) || b.id }));
}

/** A duration as ISO 8601 (`P2M`, `P1Y2M10DT2H`), as the `extended` template states it. */
export function isoDuration(d: Duration): string {
  const date = `${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.days ? `${d.days}D` : ''}`;
  const time = d.hours ? `T${d.hours}H` : '';
  return date === '' && time === '' ? 'P0D' : `P${date}${time}`;
}
