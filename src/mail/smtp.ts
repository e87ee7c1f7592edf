// SMTP through nodemailer: its settings from the environment, and its failures told by server and cause, never a password.
import nodemailer from 'nodemailer';
import { CustosError } from '../errors.js';
import { nodemailerTransport, outboxOnly, type MailTransport } from './transport.js';

export interface SmtpConfig {
  readonly host: string;
  /** Default 465 when `secure`, else 587. */
  readonly port?: number | undefined;
  /** TLS from the first byte (smtps). Default: true on port 465; otherwise STARTTLS when the server offers it. */
  readonly secure?: boolean | undefined;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  /** The From of every message, e.g. `Example Privacy <privacy@example.test>`. */
  readonly from: string;
  /** Connection, greeting and socket timeouts in ms. Default 10000. */
  readonly timeoutMs?: number | undefined;
}

const config = (message: string, field: string) => new CustosError({ code: 'config', message, details: { field } });
const FROM = /^(?:[^<>\r\n]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

/** The settings with the password kept off `JSON.stringify`, `console.log` and spreads (a non-enumerable property). */
function hidingPassword(settings: SmtpConfig): SmtpConfig {
  const { password, ...rest } = settings;
  return Object.freeze(Object.defineProperty({ ...rest }, 'password', { value: password, enumerable: false }) as SmtpConfig);
}

function checkPort(port: number, field: string): number {
  if (Number.isSafeInteger(port) && port >= 1 && port <= 65_535) return port;
  throw config(`${field} must be a port number from 1 to 65535`, field);
}

/**
 * SMTP settings from the environment, or undefined when none is set (then messages stay in the outbox):
 * `CUSTOS_SMTP_URL` (`smtp://user:password@host:587`, `smtps://…` for TLS; user and password percent-encoded), or
 * `CUSTOS_SMTP_HOST` with `CUSTOS_SMTP_PORT`, `CUSTOS_SMTP_SECURE` (`true`/`false`), `CUSTOS_SMTP_USER`,
 * `CUSTOS_SMTP_PASSWORD`; and `CUSTOS_MAIL_FROM`. A problem is a `config` error naming the variable, never its value.
 */
export function smtpConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): SmtpConfig | undefined {
  const url = env['CUSTOS_SMTP_URL']?.trim() || undefined;
  const host = env['CUSTOS_SMTP_HOST']?.trim() || undefined;
  if (url === undefined && host === undefined) return undefined;
  if (url !== undefined && host !== undefined)
    throw config('set CUSTOS_SMTP_URL or CUSTOS_SMTP_HOST (with its separate variables), not both', 'CUSTOS_SMTP_URL');
  const from = env['CUSTOS_MAIL_FROM']?.trim() ?? '';
  if (!FROM.test(from))
    throw config(
      'CUSTOS_MAIL_FROM must be the sender of the desk’s messages, e.g. "Example Privacy <privacy@example.test>"',
      'CUSTOS_MAIL_FROM',
    );
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      // Reported below, without the value: it may hold the password.
    }
    if (!parsed || (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') || parsed.hostname === '')
      throw config('CUSTOS_SMTP_URL must be smtp://user:password@host:587 or smtps://user:password@host:465', 'CUSTOS_SMTP_URL');
    return hidingPassword({
      host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: parsed.port === '' ? undefined : checkPort(Number(parsed.port), 'CUSTOS_SMTP_URL'),
      secure: parsed.protocol === 'smtps:',
      user: parsed.username === '' ? undefined : decodeURIComponent(parsed.username),
      password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
      from,
    });
  }
  const port = env['CUSTOS_SMTP_PORT']?.trim();
  const secure = env['CUSTOS_SMTP_SECURE']?.trim().toLowerCase();
  if (secure !== undefined && secure !== '' && secure !== 'true' && secure !== 'false')
    throw config('CUSTOS_SMTP_SECURE must be true or false', 'CUSTOS_SMTP_SECURE');
  const user = env['CUSTOS_SMTP_USER'] || undefined;
  const password = env['CUSTOS_SMTP_PASSWORD'] || undefined;
  if ((user === undefined) !== (password === undefined))
    throw config(
      'set CUSTOS_SMTP_USER and CUSTOS_SMTP_PASSWORD together, or neither',
      user === undefined ? 'CUSTOS_SMTP_USER' : 'CUSTOS_SMTP_PASSWORD',
    );
  return hidingPassword({
    host: host!,
    port: port ? checkPort(Number(port), 'CUSTOS_SMTP_PORT') : undefined,
    secure: secure === '' || secure === undefined ? undefined : secure === 'true',
    user,
    password,
    from,
  });
}

/** The connection errors worth naming (Node's codes); anything else is told by nodemailer's code and the reply code. */
const NETWORK = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|ECONNABORTED)$/;

/**
 * A nodemailer failure as a `CustosError` naming host:port and the cause, built from codes only: the server's reply and
 * the error's own text may repeat an address or a credential, so neither is copied. `details.permanent` is true for a
 * 5xx reply to the envelope (an address the server will never accept).
 */
export function smtpFailure(error: unknown, where: string): CustosError {
  const e = (error ?? {}) as { code?: unknown; errno?: unknown; responseCode?: unknown; command?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const network = [code, typeof e.errno === 'string' ? e.errno : undefined, /\b(E[A-Z_]{3,})\b/.exec(String(e.message ?? ''))?.[1]].find(
    (c) => c !== undefined && NETWORK.test(c),
  );
  const base = { host: where, ...(code === undefined ? {} : { smtpCode: code }), ...(reply === undefined ? {} : { replyCode: reply }) };
  if (network !== undefined || code === 'ECONNECTION' || code === 'ETIMEDOUT' || code === 'ESOCKET')
    return new CustosError({
      code: 'store-unavailable',
      message: `SMTP server ${where} could not be reached (${network ?? code}): check CUSTOS_SMTP_URL or CUSTOS_SMTP_HOST/PORT and that the server is up`,
      details: base,
    });
  if (code === 'EAUTH')
    return new CustosError({
      code: 'config',
      message: `SMTP server ${where} refused the login${reply === undefined ? '' : ` (${reply})`}: check CUSTOS_SMTP_USER and CUSTOS_SMTP_PASSWORD`,
      details: base,
    });
  const permanent = code === 'EENVELOPE' && reply !== undefined && reply >= 500;
  return new CustosError({
    code: 'store-error',
    message: `SMTP server ${where} did not accept the message (${[code ?? 'unknown error', reply].filter((x) => x !== undefined).join(', ')})`,
    details: { ...base, permanent },
  });
}

/** Sends over SMTP with nodemailer; the password lives only in nodemailer's options, never in `describe` or an error. */
export function smtpTransport(settings: SmtpConfig): MailTransport {
  const secure = settings.secure ?? settings.port === 465;
  const port = settings.port ?? (secure ? 465 : 587);
  const timeout = settings.timeoutMs ?? 10_000;
  const where = `${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  const mailer = nodemailer.createTransport({
    host: settings.host,
    port,
    secure,
    ...(settings.user === undefined ? {} : { auth: { user: settings.user, pass: settings.password ?? '' } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // nodemailer's own logging would print the conversation, addresses included.
    logger: false,
    debug: false,
  });
  return nodemailerTransport(mailer, {
    from: settings.from,
    describe: `${secure ? 'smtps' : 'smtp'}://${where}`,
    failure: (error) => smtpFailure(error, where),
  });
}

/** SMTP when the environment configures it (`smtpConfigFromEnv`), else `outboxOnly`: the demo works offline. */
export function mailTransportFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): MailTransport {
  const settings = smtpConfigFromEnv(env);
  return settings === undefined ? outboxOnly : smtpTransport(settings);
}
