// A template filled in one language and written out as a subject, a plain-text body and a self-contained HTML body.
import { CustosError } from '../errors.js';
import { LANGUAGES, type Language } from '../policy/index.js';
import type { OutboxMessage } from '../store/index.js';
import type { MessageContent, MessageContext } from './content.js';
import { checkParams, checkTemplateId } from './params.js';
import type { TemplateId } from './templates.js';
import { en } from './text/en.js';
import { frCA } from './text/fr-ca.js';
import { fr } from './text/fr.js';
import type { MailTexts } from './text/table.js';
import { contentHtml, contentText } from './write.js';

const TEXTS: Readonly<Record<Language, MailTexts>> = { en, fr, 'fr-CA': frCA };

export interface MailRenderOptions {
  /** The provider's name, as the messages sign it (the manifest's organization name). */
  readonly organizationName: string;
  /** Where the person follows their requests: an http(s) URL, linked from every message to a person. */
  readonly privacyCenterUrl: string;
}

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The language it was written in (`fr-FR` asked → `fr`). */
  readonly language: Language;
}

/**
 * The language a message is written in: `en`, `fr`, `fr-CA` in any case; another region of English or French is its
 * base language (`fr-BE` → `fr`, `en-US` → `en`). Anything else is `invalid-input`.
 */
export function mailLanguage(language: string): Language {
  const exact = LANGUAGES.find((l) => l.toLowerCase() === language.trim().toLowerCase());
  if (exact) return exact;
  const base = /^(en|fr)[-_]/i.exec(language.trim())?.[1]?.toLowerCase();
  if (base === 'en' || base === 'fr') return base;
  throw new CustosError({
    code: 'invalid-input',
    message: `mail language "${language.slice(0, 20)}" is not one Custos writes: use ${LANGUAGES.join(', ')}`,
    details: { field: 'language' },
  });
}

function checkOptions(options: MailRenderOptions): MessageContext {
  const organizationName = options.organizationName.trim();
  if (organizationName === '' || /[\r\n]/.test(organizationName))
    throw new CustosError({
      code: 'config',
      message: 'mail organizationName must be the provider’s name on one line',
      details: { field: 'organizationName' },
    });
  let protocol = '';
  try {
    protocol = new URL(options.privacyCenterUrl).protocol;
  } catch {
    // Reported below.
  }
  if (protocol !== 'https:' && protocol !== 'http:')
    throw new CustosError({
      code: 'config',
      message: 'mail privacyCenterUrl must be an http(s) URL, e.g. https://privacy.example.test',
      details: { field: 'privacyCenterUrl' },
    });
  return { organizationName, privacyCenterUrl: options.privacyCenterUrl };
}

/** The template's content before it is written out (for tests and previews). */
export function messageContent(template: TemplateId, language: string, params: unknown, options: MailRenderOptions): MessageContent {
  const write = TEXTS[mailLanguage(language)][template] as (p: unknown, c: MessageContext) => MessageContent;
  return write(checkParams(template, params), checkOptions(options));
}

/**
 * Fills `template` with `params` (checked: `invalid-input` names the template and the field) in `language`. Every
 * value is escaped in the HTML; no image, remote resource or tracking pixel is ever written.
 */
export function renderMessage(template: string, language: string, params: unknown, options: MailRenderOptions): RenderedMessage {
  const id = checkTemplateId(template);
  const lang = mailLanguage(language);
  const content = messageContent(id, lang, params, options);
  return {
    subject: contentText(content, lang).subject,
    text: contentText(content, lang).body,
    html: contentHtml(content, lang),
    language: lang,
  };
}

/** A message of the outbox as it was (or will be) sent: what the person sees among their messages (K6.3). */
export function renderOutboxMessage(
  message: Pick<OutboxMessage, 'template' | 'language' | 'params'>,
  options: MailRenderOptions,
): RenderedMessage {
  return renderMessage(message.template, message.language, message.params, options);
}
