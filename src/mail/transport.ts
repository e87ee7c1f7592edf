// Where rendered messages go: one small interface; an SMTP server through nodemailer, or nowhere (they stay in the outbox).
import type { Language } from '../policy/index.js';

/** A rendered message, ready to hand to a mail server. */
export interface OutgoingMail {
  /** The outbox message's id: it makes the Message-ID, so a message sent twice after a crash is recognisably one. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly language: Language;
}

export interface MailTransport {
  /** False for `outboxOnly`: nothing leaves, messages stay queued in the outbox for the demo and the privacy center. */
  readonly delivers: boolean;
  /** Where messages go, for logs and results: `smtp://host:port` or `outbox only`, never a credential. */
  readonly describe: string;
  /** Hands the message over; throws (a `CustosError` naming the server, never a password) when it was not accepted. */
  send(mail: OutgoingMail): Promise<{ readonly messageId?: string | undefined }>;
  close(): Promise<void>;
}

/** No SMTP: every message stays queued in the outbox, visible there (the demo reads verification codes from it). */
export const outboxOnly: MailTransport = Object.freeze({
  delivers: false,
  describe: 'outbox only',
  send: () => Promise.reject(new Error('the outbox-only transport sends nothing: messages stay in the outbox')),
  close: () => Promise.resolve(),
});

/** The few methods of a nodemailer transporter Custos uses (declared here, so the client stays at the edge). */
export interface NodemailerLike {
  sendMail(options: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<{ messageId?: string }>;
  close(): void;
}

/** The address part of a From: `Example <privacy@example.test>` → `example.test`, for Message-IDs. */
const domainOf = (from: string): string => /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'custos.invalid';

/**
 * A `MailTransport` over any nodemailer transporter (SMTP, or `jsonTransport`/`streamTransport` in tests). Messages are
 * marked `Auto-Submitted: auto-generated` (RFC 3834), so out-of-office replies do not answer them.
 */
export function nodemailerTransport(
  mailer: NodemailerLike,
  options: { readonly from: string; readonly describe: string; readonly failure?: (error: unknown) => Error },
): MailTransport {
  let closed = false;
  return Object.freeze({
    delivers: true,
    describe: options.describe,
    async send(mail: OutgoingMail) {
      if (closed) throw new Error(`the mail transport to ${options.describe} is closed`);
      try {
        const info = await mailer.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.id}.custos@${domainOf(options.from)}>`,
          headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': mail.language },
        });
        return { messageId: info.messageId };
      } catch (error) {
        throw options.failure ? options.failure(error) : error;
      }
    },
    async close() {
      closed = true;
      mailer.close();
    },
  });
}
