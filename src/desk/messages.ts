// The messages the desk queues in the outbox: a template id, the language, and the ids and values the template needs.
import { randomBytes } from 'node:crypto';
import type { PolicyModel } from '../policy/index.js';
import type { RightsRequest } from '../workflow/index.js';
import type { DeskCore } from './core.js';

/** Templates the desk asks for; `src/mail` renders them in the request's language. */
export const DESK_TEMPLATES = [
  'verification-code',
  'proof-requested',
  'completed',
  'closure-blocked',
  'denied',
  'extended',
  'cancelled',
] as const;
export type DeskTemplate = (typeof DESK_TEMPLATES)[number];

/** The e-mail address the person is written to: the request's first value of an identity typed `email`. */
export function contactOf(model: PolicyModel, request: RightsRequest): string | undefined {
  for (const [key, values] of Object.entries(request.identities))
    if (model.identities.get(key)?.type === 'email' && values[0] !== undefined) return values[0];
  return undefined;
}

/**
 * Queues `template` for the person, with `params` (the request id is always one). A request with no e-mail address
 * (registered from a letter) gets none: staff answer it by post. Returns the message id, or undefined.
 */
export async function enqueueMessage(
  core: DeskCore,
  request: RightsRequest,
  template: DeskTemplate,
  params: Readonly<Record<string, string>> = {},
): Promise<string | undefined> {
  const to = contactOf(core.model, request);
  if (to === undefined) return undefined;
  const id = `msg-${randomBytes(8).toString('hex')}`;
  await core.store.outbox.enqueue({
    id,
    requestId: request.id,
    to,
    template,
    language: request.language ?? core.model.languages[0] ?? 'en',
    params: { requestId: request.id, kind: request.kind, ...params },
    queuedAt: core.clock.now(),
  });
  return id;
}
