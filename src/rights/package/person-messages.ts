// K6.3: the messages Custos sent (or queued for) the person about their requests, one text file each in the package.
import type { Language } from '../../policy/index.js';
import { colon } from '../../render/index.js';
import { packageMessages } from './summary-messages.js';

export const PACKAGED_MESSAGE_STATUSES = ['queued', 'sent', 'failed'] as const;

/** One message as the caller (the desk) rendered it from its outbox: the package only writes it out. */
export interface PackagedMessage {
  /** The template's id (`verification-code`, `completed`…): part of the file's name. */
  readonly template: string;
  readonly status: (typeof PACKAGED_MESSAGE_STATUSES)[number];
  /** When it was sent, or queued when it was not. */
  readonly date: Date;
  readonly subject: string;
  /** The plain-text body, in the message's own language. */
  readonly text: string;
  /** Values of the message shown as a marker (a code, a download link): counted by manifest.json and the summary. */
  readonly removed: number;
}

/** A message's place in the package, for manifest.json and the summary. */
export interface PackagedMessageFile {
  readonly file: string;
  readonly template: string;
  readonly status: PackagedMessage['status'];
  readonly date: string;
  readonly removed: number;
}

/** `messages/0001-verification-code.txt`: numbered in order, named by template (ids only, never a subject's words). */
const fileName = (index: number, template: string): string =>
  `messages/${String(index + 1).padStart(4, '0')}-${template.replace(/[^a-z0-9-]+/gi, '-').slice(0, 40)}.txt`;

/** An instant as `2028-02-10 09:00 UTC`: one form whatever the language, readable and sortable. */
const instant = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Each message as a file: a few headers in the package's language, a blank line, the body in the message's. */
export function messageFiles(
  messages: readonly PackagedMessage[],
  lang: Language,
): readonly { readonly entry: PackagedMessageFile; readonly content: string }[] {
  const m = packageMessages(lang).messages;
  const line = (label: string, value: string) => `${label}${colon(lang)} ${value}`;
  return messages.map((message, index) => {
    const entry: PackagedMessageFile = {
      file: fileName(index, message.template),
      template: message.template,
      status: message.status,
      date: message.date.toISOString(),
      removed: message.removed,
    };
    const headers = [line(m.date, instant(message.date)), line(m.status, m.statuses[message.status]), line(m.subject, message.subject)];
    return { entry, content: `${headers.join('\n')}\n\n${message.text.endsWith('\n') ? message.text : `${message.text}\n`}` };
  });
}

/** The markers a message's copy is written with, in the package's language: what replaced a code or a link, and so on. */
export function messageCopyMarkers(lang: Language): { readonly removed: string; readonly unreadable: string } {
  const m = packageMessages(lang).messages;
  return { removed: m.removed, unreadable: m.unreadable };
}
