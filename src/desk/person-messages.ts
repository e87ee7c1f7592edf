// K6.3: the messages the desk sent (or queued for) a person about any of their requests, as their package keeps them.
import type { Language } from '../policy/index.js';
import { renderMessageCopy } from '../mail/index.js';
import { messageCopyMarkers, type PackagedMessage } from '../rights/package/index.js';
import type { OutboxMessage } from '../store/index.js';
import type { RightsRequest } from '../workflow/index.js';
import type { DeskCore } from './core.js';
import { DESK_TEMPLATES } from './messages.js';

/** Every address the request names the person by: its values of identities typed `email`. */
function addressesOf(core: DeskCore, request: RightsRequest): readonly string[] {
  return Object.entries(request.identities).flatMap(([key, values]) => (core.model.identities.get(key)?.type === 'email' ? values : []));
}

const toPerson: ReadonlySet<string> = new Set(DESK_TEMPLATES);

/**
 * The messages to the request's addresses (whatever their case: `Ada@Example.com` is `ada@example.com`), about this
 * request or any other, oldest first, each rendered again in its own language by src/mail with the package's markers
 * in `lang`: a code or a download link is never re-created. Messages to staff (deadline reminders) are not the person's.
 */
export async function personMessages(core: DeskCore, request: RightsRequest, lang: Language): Promise<readonly PackagedMessage[]> {
  const found = new Map<string, OutboxMessage>();
  for (const address of addressesOf(core, request))
    for (const message of await core.store.outbox.forRecipient(address)) if (toPerson.has(message.template)) found.set(message.id, message);
  const render = { organizationName: core.model.organization.name, privacyCenterUrl: core.options.privacyCenterUrl };
  const markers = messageCopyMarkers(lang);
  return [...found.values()]
    .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((message) => {
      const copy = renderMessageCopy(message, render, markers);
      return {
        template: message.template,
        status: message.status,
        date: message.sentAt ?? message.queuedAt,
        subject: copy.subject,
        text: copy.text,
        removed: copy.removed,
      };
    });
}
