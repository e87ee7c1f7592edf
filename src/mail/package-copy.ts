// A message as the person's access package keeps it (K6.3): rendered again from the outbox, in the message's language,
// with what opened something (a code, a download link) shown as the package's marker, never re-created.
import { isCustosError } from '../errors.js';
import type { Language } from '../policy/index.js';
import type { OutboxMessage } from '../store/index.js';
import type { MessageBlock } from './content.js';
import { checkTemplateId } from './params.js';
import { mailLanguage, messageContent, type MailRenderOptions } from './render.js';
import type { SECRET_PARAMS } from './templates.js';
import { secretParamsOf } from './templates.js';
import { contentText } from './write.js';

type SecretParam = (typeof SECRET_PARAMS)[keyof typeof SECRET_PARAMS][number];

/** The words the package puts in a copy, in its own language (the package's, which may not be the message's). */
export interface CopyMarkers {
  /** What replaces a secret param: `[removed once delivered]`. */
  readonly removed: string;
  /** Said instead of a body when the outbox's params no longer fill the template (a message that failed for that). */
  readonly unreadable: string;
}

/**
 * Values that pass each secret param's check, so the template is filled as it was; each is then replaced by the
 * marker. A secret param added to SECRET_PARAMS without one here is a type error.
 */
const STAND_INS = { code: 'REMOVED0CODE', downloadUrl: 'https://removed.invalid/' } as const satisfies Record<SecretParam, string>;

export interface MessageCopy {
  readonly subject: string;
  /** The plain-text body, as the person read it, with the markers. */
  readonly text: string;
  /** The language the message was written in; undefined when it could not be written out. */
  readonly language: Language | undefined;
  /** How many values of the message the copy shows as the `removed` marker. */
  readonly removed: number;
}

const isSecret = (template: string, name: string): name is SecretParam => secretParamsOf(template).includes(name);

/**
 * The outbox message as text for the person's access package, its markers in the package's words. Its secret params (`SECRET_PARAMS`) are never shown, sent
 * or not: the outbox forgets them once the message is sent, and one still queued must not hand its code over in a
 * package. A message whose params no longer fill its template is kept with its subject as the template id and a note.
 */
export function renderMessageCopy(
  message: Pick<OutboxMessage, 'template' | 'language' | 'params'>,
  options: MailRenderOptions,
  markers: CopyMarkers,
): MessageCopy {
  try {
    return copyOf(message, options, markers.removed);
  } catch (error) {
    if (!isCustosError(error) || error.code !== 'invalid-input') throw error;
    return { subject: message.template, text: `${markers.unreadable}\n`, language: undefined, removed: 0 };
  }
}

function copyOf(message: Pick<OutboxMessage, 'template' | 'language' | 'params'>, options: MailRenderOptions, marker: string) {
  const language = mailLanguage(message.language);
  const template = checkTemplateId(message.template);
  const secrets = secretParamsOf(template).filter((name) => isSecret(template, name));
  const standIns = (names: readonly SecretParam[]) => ({
    ...message.params,
    ...Object.fromEntries(names.map((name) => [name, STAND_INS[name]])),
  });
  let content;
  try {
    // Every secret param stood in for: the ones forgotten once it was sent were there when it was written.
    content = messageContent(template, language, standIns(secrets), options);
  } catch {
    // A param that was never there (a completion without a download): stand-ins for the ones present only.
    content = messageContent(template, language, standIns(secrets.filter((name) => name in message.params)), options);
  }
  let removed = 0;
  const hide = (block: MessageBlock): MessageBlock => {
    if (block.kind === 'code' && block.code === STAND_INS.code) return (removed++, { ...block, code: marker });
    if (block.kind === 'link' && block.url === STAND_INS.downloadUrl) return (removed++, { ...block, url: marker });
    return block;
  };
  const written = contentText({ ...content, blocks: content.blocks.map(hide), signature: content.signature.map(hide) }, language);
  // Belt and braces: a template that wrote a stand-in into a sentence still shows the marker, never the stand-in.
  const scrub = (text: string) => Object.values(STAND_INS).reduce((out, standIn) => out.split(standIn).join(marker), text);
  const copy: MessageCopy = { subject: scrub(written.subject), text: scrub(written.body), language, removed };
  return copy;
}
