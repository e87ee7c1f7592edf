// K6.3: notification emails sent to the person, as one readable text file each, spooled to disk while the export runs.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FieldModel, Language } from '../../policy/index.js';
import type { ExportedValue } from '../index.js';
import { colon } from '../../render/index.js';
import { packageMessages } from './summary-messages.js';
import { writeChunk } from './zip-output.js';

/** Which fields of an outbox row are the subject, date, recipient and body (by name, then by type or category). */
export interface EmailFields {
  readonly subject?: string | undefined;
  readonly date?: string | undefined;
  readonly to?: string | undefined;
  readonly body?: string | undefined;
}

/** The first free field whose name matches a pattern (in order of preference), else the first that `fallback` accepts. */
function pick(
  fields: readonly FieldModel[],
  patterns: readonly RegExp[],
  fallback?: (f: FieldModel) => boolean,
  taken?: string,
): string | undefined {
  const free = fields.filter((f) => f.name !== taken);
  for (const pattern of patterns) {
    const found = free.find((f) => pattern.test(f.name));
    if (found) return found.name;
  }
  return fallback === undefined ? undefined : free.find(fallback)?.name;
}

export function emailFields(fields: readonly FieldModel[]): EmailFields {
  const subject = pick(fields, [/^(subject|title|objet)$/i, /subject/i]);
  const date = pick(
    fields,
    [/^(sent_?at|sent_?on|sent|date|created_?at|at|timestamp)$/i, /sent/i],
    (f) => f.type === 'datetime' || f.type === 'date',
  );
  const to = pick(fields, [/^(to|recipient|to_?email|email)$/i], (f) => f.type === 'email' || f.category === 'user.contact.email');
  const body = pick(
    fields,
    [/^(body|content|text|message|html)$/i, /body|content|message/i],
    (f) => f.category?.startsWith('user.communication.') ?? false,
    subject,
  );
  return { subject, date, to, body };
}

/** The email as plain text: headers, a blank line, the body; every field as `name: value` when none of them is known. */
export function emailText(
  fields: readonly FieldModel[],
  which: EmailFields,
  values: Readonly<Record<string, ExportedValue>>,
  lang: Language,
): string {
  const show = (name: string | undefined) => (name === undefined ? undefined : String(values[name] ?? ''));
  if (which.subject === undefined && which.body === undefined) return `${fields.map((f) => `${f.name}: ${show(f.name)}`).join('\n')}\n`;
  const m = packageMessages(lang).email;
  const headers = [
    [m.subject, show(which.subject)],
    [m.date, show(which.date)],
    [m.to, show(which.to)],
  ].flatMap(([label, value]) => (value === undefined ? [] : [`${label}${colon(lang)} ${value}`]));
  const body = show(which.body);
  return `${headers.join('\n')}\n${body === undefined ? '' : `\n${body}\n`}`;
}

/** A short ASCII name from a subject, for the file name. */
function slug(text: string | undefined): string {
  const s = (text ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s === '' ? '' : `-${s}`;
}

/** One email's place in the spool file (`end` inclusive) and its name in the package. */
export interface SpooledEmail {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Appends each email's text to one spool file and remembers where it is, so the zip reads it back entry by entry. */
export class OutboxSpool {
  readonly #out: WriteStream;
  readonly #which: EmailFields;
  readonly #emails: SpooledEmail[] = [];
  #offset = 0;

  constructor(
    readonly path: string,
    readonly folder: string,
    readonly fields: readonly FieldModel[],
    readonly lang: Language,
  ) {
    this.#out = createWriteStream(path);
    this.#which = emailFields(fields);
  }

  async write(values: Readonly<Record<string, ExportedValue>>): Promise<void> {
    const bytes = Buffer.from(emailText(this.fields, this.#which, values, this.lang), 'utf8');
    const subject = this.#which.subject === undefined ? undefined : String(values[this.#which.subject] ?? '');
    const name = `${this.folder}/${String(this.#emails.length + 1).padStart(4, '0')}${slug(subject)}.txt`;
    this.#emails.push({ name, start: this.#offset, end: this.#offset + bytes.length - 1 });
    this.#offset += bytes.length;
    await writeChunk(this.#out, bytes);
  }

  /** Flushes the spool file; the emails can then be read back. */
  async close(): Promise<readonly SpooledEmail[]> {
    this.#out.end();
    if (!this.#out.writableFinished) await once(this.#out, 'finish');
    return this.#emails;
  }

  destroy(): void {
    this.#out.destroy();
  }
}
