// SMTP settings from the environment (the password never shown) and nodemailer's failures told by server and cause.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mailTransportFromEnv, smtpConfigFromEnv, smtpFailure } from './smtp.js';
import { outboxOnly } from './transport.js';

const FROM = 'Example Privacy <privacy@example.test>';
const SECRET = 'p%40ss-w0rd-not-real';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
};

describe('smtpConfigFromEnv', () => {
  it('reads CUSTOS_SMTP_URL, its user and password percent-decoded, smtps meaning TLS', () => {
    const config = smtpConfigFromEnv({ CUSTOS_SMTP_URL: `smtps://desk%2Bbot:${SECRET}@mail.example.test:2465`, CUSTOS_MAIL_FROM: FROM });
    expect(config).toMatchObject({ host: 'mail.example.test', port: 2465, secure: true, user: 'desk+bot', from: FROM });
    expect(config!.password).toBe('p@ss-w0rd-not-real');
  });

  it('never shows the password when the settings are logged or serialised', () => {
    const config = smtpConfigFromEnv({
      CUSTOS_SMTP_HOST: 'mail.example.test',
      CUSTOS_SMTP_USER: 'desk',
      CUSTOS_SMTP_PASSWORD: 'hunter2-not-real',
      CUSTOS_MAIL_FROM: FROM,
    })!;
    expect(config.password).toBe('hunter2-not-real');
    expect(JSON.stringify(config)).not.toContain('hunter2');
    expect(inspect(config)).not.toContain('hunter2');
    expect(JSON.stringify({ ...config })).not.toContain('hunter2');
  });

  it('reads the separate variables, with their defaults left to the transport', () => {
    expect(
      smtpConfigFromEnv({
        CUSTOS_SMTP_HOST: 'mail.example.test',
        CUSTOS_SMTP_PORT: '2525',
        CUSTOS_SMTP_SECURE: 'false',
        CUSTOS_MAIL_FROM: 'privacy@example.test',
      }),
    ).toEqual({
      host: 'mail.example.test',
      port: 2525,
      secure: false,
      user: undefined,
      from: 'privacy@example.test',
    });
  });

  it('is undefined without SMTP settings, and the transport then keeps messages in the outbox', () => {
    expect(smtpConfigFromEnv({ CUSTOS_MAIL_FROM: FROM })).toBeUndefined();
    expect(mailTransportFromEnv({})).toBe(outboxOnly);
    expect(outboxOnly.delivers).toBe(false);
    const smtp = mailTransportFromEnv({ CUSTOS_SMTP_URL: `smtp://desk:${SECRET}@mail.example.test`, CUSTOS_MAIL_FROM: FROM });
    expect(smtp.delivers).toBe(true);
    expect(smtp.describe).toBe('smtp://mail.example.test:587');
    void smtp.close();
  });

  it('names the variable at fault, never its value', () => {
    const url = refusal(() => smtpConfigFromEnv({ CUSTOS_SMTP_URL: `http://desk:${SECRET}@mail.example.test`, CUSTOS_MAIL_FROM: FROM }));
    expect(url).toMatchObject({ code: 'config', details: { field: 'CUSTOS_SMTP_URL' } });
    expect(url.message).toBe('CUSTOS_SMTP_URL must be smtp://user:password@host:587 or smtps://user:password@host:465');
    expect(refusal(() => smtpConfigFromEnv({ CUSTOS_SMTP_URL: `not a url ${SECRET}`, CUSTOS_MAIL_FROM: FROM })).message).not.toContain(
      SECRET,
    );
    expect(refusal(() => smtpConfigFromEnv({ CUSTOS_SMTP_URL: 'smtp://mail.example.test' })).message).toBe(
      'CUSTOS_MAIL_FROM must be the sender of the desk’s messages, e.g. "Example Privacy <privacy@example.test>"',
    );
    expect(
      refusal(() => smtpConfigFromEnv({ CUSTOS_SMTP_URL: 'smtp://a.test', CUSTOS_SMTP_HOST: 'b.test', CUSTOS_MAIL_FROM: FROM })).details,
    ).toEqual({
      field: 'CUSTOS_SMTP_URL',
    });
    expect(
      refusal(() => smtpConfigFromEnv({ CUSTOS_SMTP_HOST: 'b.test', CUSTOS_SMTP_PASSWORD: SECRET, CUSTOS_MAIL_FROM: FROM })).message,
    ).toBe('set CUSTOS_SMTP_USER and CUSTOS_SMTP_PASSWORD together, or neither');
    expect(
      refusal(() => smtpConfigFromEnv({ CUSTOS_SMTP_HOST: 'b.test', CUSTOS_SMTP_PORT: '99999', CUSTOS_MAIL_FROM: FROM })).message,
    ).toBe('CUSTOS_SMTP_PORT must be a port number from 1 to 65535');
    expect(
      refusal(() => smtpConfigFromEnv({ CUSTOS_SMTP_HOST: 'b.test', CUSTOS_SMTP_SECURE: 'yes', CUSTOS_MAIL_FROM: FROM })).message,
    ).toBe('CUSTOS_SMTP_SECURE must be true or false');
  });
});

describe('smtpFailure', () => {
  it('tells a refused login without the credentials or the server’s reply', () => {
    const error = Object.assign(new Error('Invalid login: 535 authentication failed for desk / hunter2'), {
      code: 'EAUTH',
      responseCode: 535,
      response: '535 hunter2',
    });
    const failure = smtpFailure(error, 'mail.example.test:587');
    expect(failure.code).toBe('config');
    expect(failure.message).toBe(
      'SMTP server mail.example.test:587 refused the login (535): check CUSTOS_SMTP_USER and CUSTOS_SMTP_PASSWORD',
    );
    expect(JSON.stringify({ ...failure, message: failure.message })).not.toContain('hunter2');
  });

  it('marks a 5xx to the envelope as permanent, a 4xx as worth retrying', () => {
    const envelope = (responseCode: number) =>
      smtpFailure(
        Object.assign(new Error(`${responseCode} <person@example.test> rejected`), { code: 'EENVELOPE', responseCode }),
        'mx.example.test:25',
      );
    expect(envelope(550).details).toMatchObject({ permanent: true, replyCode: 550 });
    expect(envelope(550).message).toBe('SMTP server mx.example.test:25 did not accept the message (EENVELOPE, 550)');
    expect(envelope(451).details).toMatchObject({ permanent: false });
    expect(envelope(550).message).not.toContain('person');
  });
});
