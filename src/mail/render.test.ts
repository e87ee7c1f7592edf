// Every template in en, fr and fr-CA: what the person reads (and does not), dates and durations in words, escaping, refusals.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../policy/index.js';
import { messageParams } from './params.js';
import { renderMessage } from './render.js';
import { TEMPLATE_IDS, type TemplateId } from './templates.js';

const OPTIONS = { organizationName: 'Example Hosting', privacyCenterUrl: 'https://privacy.example.test/center' };
const NBSP = '\u00a0';

/** Obviously fake values, as the outbox holds them (text only). */
const PARAMS: Readonly<Record<TemplateId, Record<string, string>>> = {
  'verification-code': { requestId: 'req_t1', code: 'K7Q2ZX', validMinutes: '15' },
  received: { requestId: 'req_t1', kind: 'access', receivedOn: '2028-02-10', dueDate: '2028-03-01' },
  extended: { requestId: 'req_t1', kind: 'erasure', dueDate: '2028-05-01', extension: 'P2M', reason: 'The request covers ten services.' },
  'proof-needed': { requestId: 'req_t1', kind: 'portability', reason: 'The address differs from the account’s.', respondBy: '2028-03-01' },
  denied: {
    requestId: 'req_t1',
    kind: 'erasure',
    reason: 'The invoices must be kept for ten years.',
    authorityName: 'the Example Authority',
    authorityUrl: 'https://authority.example.test/complain',
  },
  completed: {
    requestId: 'req_t1',
    kind: 'access',
    downloadUrl: 'https://dl.example.test/pkg/abc',
    downloadExpiresAt: '2028-03-08T12:00:00Z',
  },
  'closure-blocked': {
    requestId: 'req_t1',
    blockers: JSON.stringify([
      { description: 'Service vps-1 is active', whatToDo: 'Cancel it in the console' },
      { description: 'Invoice INV-9 is unpaid', whatToDo: 'Pay it or contact billing' },
    ]),
  },
  cancelled: { requestId: 'req_t1', kind: 'erasure' },
  'deadline-reminder': {
    requestId: 'req_t1',
    kind: 'access',
    dueDate: '2028-03-01',
    daysLeft: '3',
    consoleUrl: 'https://console.example.test/r/req_t1',
  },
};

const render = (template: TemplateId, lang: string, params: Record<string, string> = PARAMS[template]) =>
  renderMessage(template, lang, params, OPTIONS);

describe('every template in every language', () => {
  for (const template of TEMPLATE_IDS)
    for (const lang of LANGUAGES)
      it(`${template} in ${lang}`, () => {
        const m = render(template, lang);
        expect(m.language).toBe(lang);
        expect(m.subject).toContain('req_t1');
        expect(m.subject).not.toMatch(/[\r\n]/);
        expect(m.text).toContain('req_t1');
        expect(m.text).toContain(lang === 'en' ? 'Hello,' : 'Bonjour,');
        expect(m.text).not.toContain(lang === 'en' ? 'Bonjour' : 'Hello');
        expect(m.html).toContain(`<html lang="${lang}">`);
        // Nothing fetched when the message is opened: no image, no remote style or script, no tracking pixel.
        expect(m.html).not.toMatch(/<img|<script|<link|<iframe|src=|url\(/i);
        if (template === 'deadline-reminder') expect(m.text).toContain('Custos');
        else {
          expect(m.text).toContain('https://privacy.example.test/center');
          expect(m.html).toContain('<a href="https://privacy.example.test/center">');
          expect(m.text).toContain('Example Hosting');
        }
      });
});

describe('words', () => {
  it('states dates in words, French with 1er and a no-break space', () => {
    expect(render('received', 'en').text).toContain('We will answer by 1 March 2028 at the latest.');
    expect(render('received', 'fr').text).toContain(`Nous vous répondrons au plus tard le 1er${NBSP}mars 2028.`);
    expect(render('received', 'en').text).toContain('on 10 February 2028');
  });

  it('states the extension as a duration in words and the new due day', () => {
    expect(render('extended', 'en').text).toContain('extended by 2 months, until 1 May 2028');
    expect(render('extended', 'fr').text).toContain(`prolongé de 2${NBSP}mois, jusqu’au 1er${NBSP}mai 2028`);
    expect(render('extended', 'en').text).toContain('Why: The request covers ten services.');
    expect(render('extended', 'fr').text).toContain(`Motif${NBSP}: The request covers ten services.`);
  });

  it('states how long a code is valid', () => {
    expect(render('verification-code', 'en').text).toContain('The code is valid for 15 minutes.');
    expect(render('verification-code', 'fr').text).toContain(`Ce code est valable 15${NBSP}minutes.`);
    expect(render('verification-code', 'en', { ...PARAMS['verification-code'], validMinutes: '60' }).text).toContain('valid for 1 hour.');
    expect(render('verification-code', 'en').text).toContain(`Verification code: K7Q2ZX`);
    expect(render('verification-code', 'fr-CA').text).toContain(`Code de vérification${NBSP}: K7Q2ZX`);
  });

  it('says how many days are left, none, or how late the request is', () => {
    expect(render('deadline-reminder', 'en').subject).toBe('Due in 3 days: request req_t1 (access)');
    expect(render('deadline-reminder', 'en', { ...PARAMS['deadline-reminder'], daysLeft: '0' }).subject).toBe(
      'Due today: request req_t1 (access)',
    );
    const late = render('deadline-reminder', 'fr', { ...PARAMS['deadline-reminder'], daysLeft: '-2' });
    expect(late.subject).toBe(`En retard${NBSP}: demande req_t1 (accès)`);
    expect(late.text).toContain(`elle a 2${NBSP}jours de retard.`);
    expect(render('deadline-reminder', 'en', { ...PARAMS['deadline-reminder'], daysLeft: '-1' }).text).toContain('it is 1 day overdue.');
  });
});

describe('French and Quebec terms', () => {
  it('writes données personnelles in fr and renseignements personnels in fr-CA, participles agreeing', () => {
    const params = { ...PARAMS.completed, kind: 'erasure' };
    const france = render('completed', 'fr', params).text;
    const quebec = render('completed', 'fr-CA', params).text;
    expect(france).toContain('Vos données personnelles ont été effacées, sauf celles que la loi nous oblige à conserver.');
    expect(france).toContain('sont prêtes à être téléchargées jusqu’au 8');
    expect(france).not.toContain('renseignements');
    expect(quebec).toContain('Vos renseignements personnels ont été effacés, sauf ceux que la loi nous oblige à conserver.');
    expect(quebec).toContain('sont prêts à être téléchargés jusqu’au 8');
    expect(quebec).not.toContain('données');
  });

  it('names the request kind in the person’s words', () => {
    expect(render('received', 'en').text).toContain('your request for access to your personal data');
    expect(render('received', 'fr').text).toContain('votre demande d’accès à vos données personnelles');
    expect(render('received', 'fr-CA').text).toContain('votre demande d’accès à vos renseignements personnels');
  });

  it('reads an English or French region as its base language', () => {
    expect(render('received', 'fr-BE').language).toBe('fr');
    expect(render('received', 'EN-us').language).toBe('en');
    expect(render('received', 'fr-ca').language).toBe('fr-CA');
  });
});

describe('what a message says only when it applies', () => {
  it('tells of the erasure only for an erasure, and of the download only with a link', () => {
    const access = render('completed', 'en').text;
    expect(access).toContain('Download your personal data: https://dl.example.test/pkg/abc');
    expect(access).toContain('ready to download until 8 March 2028');
    expect(access).not.toContain('erased');
    const erasure = render('completed', 'en', { requestId: 'req_t1', kind: 'erasure' }).text;
    expect(erasure).toContain('Your personal data has been erased');
    expect(erasure).not.toContain('Download');
  });

  it('lists every blocker of a closure with what to do about it', () => {
    const m = render('closure-blocked', 'en');
    expect(m.text).toContain('2 things have to be settled first.');
    expect(m.text).toContain('- Service vps-1 is active\n  What to do: Cancel it in the console');
    expect(m.text).toContain('- Invoice INV-9 is unpaid\n  What to do: Pay it or contact billing');
    expect(m.html).toContain('<li><strong>Invoice INV-9 is unpaid</strong><br>What to do: Pay it or contact billing</li>');
    const one = JSON.stringify([{ description: 'Service vps-1 is active', whatToDo: 'Cancel it' }]);
    expect(render('closure-blocked', 'fr', { requestId: 'req_t1', blockers: one }).text).toContain('un point doit d’abord être réglé.');
    expect(render('closure-blocked', 'fr').text).toContain('2 points doivent d’abord être réglés.');
  });

  it('shows a blocker given without what to do as its description alone', () => {
    const bare = JSON.stringify([{ description: 'Every invoice must be paid: at least one is still unpaid.' }]);
    const m = render('closure-blocked', 'en', { requestId: 'req_t1', blockers: bare });
    expect(m.text).toContain('- Every invoice must be paid: at least one is still unpaid.\n\nOnce this is done');
    expect(m.text).not.toContain('What to do');
    expect(m.html).toContain('<li><strong>Every invoice must be paid: at least one is still unpaid.</strong></li>');
  });

  it('tells the person a cancelled request is closed, in France’s and Quebec’s terms', () => {
    expect(render('cancelled', 'en').text).toContain(
      'Your request for the erasure of your personal data (reference req_t1) has been cancelled: nothing more will be done about it.',
    );
    expect(render('cancelled', 'fr').text).toContain(
      'Votre demande d’effacement de vos données personnelles (référence req_t1) a été annulée',
    );
    const quebec = render('cancelled', 'fr-CA').text;
    expect(quebec).toContain('d’effacement de vos renseignements personnels');
    expect(quebec).not.toContain('données personnelles');
  });

  it('names the authority to complain to when the desk gives it, a generic one otherwise', () => {
    expect(render('denied', 'en').text).toContain('you may complain to the Example Authority.');
    expect(render('denied', 'en').html).toContain('<a href="https://authority.example.test/complain">How to complain</a>');
    const bare = render('denied', 'fr-CA', { requestId: 'req_t1', kind: 'access', reason: 'Motif fictif.' });
    expect(bare.text).toContain('auprès de l’autorité chargée de la protection des renseignements personnels.');
    expect(bare.text).not.toContain('Comment porter plainte');
  });
});

describe('escaping', () => {
  it('shows a reason holding markup as text in HTML, never as markup', () => {
    const reason = '<script>alert("x")</script> & <b>bold</b>';
    const m = render('denied', 'en', { ...PARAMS.denied, reason });
    expect(m.html).toContain('Why: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(m.html).not.toContain('<script');
    expect(m.html).not.toContain('<b>');
    expect(m.text).toContain(`Why: ${reason}`);
  });

  it('escapes a blocker and the organization name alike', () => {
    const blockers = JSON.stringify([{ description: '<img src=x onerror=alert(1)>', whatToDo: 'a "quoted" step' }]);
    const m = renderMessage('closure-blocked', 'en', { requestId: 'req_t1', blockers }, { ...OPTIONS, organizationName: 'A & <B>' });
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(m.html).not.toContain('<img');
    expect(m.html).toContain('The privacy team of A &amp; &lt;B&gt;');
  });
});

describe('refusals', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return error as { code: string; message: string; details: Record<string, unknown> };
    }
    throw new Error('expected a refusal');
  };

  it('names the template and the missing field', () => {
    const e = refusal(() => render('received', 'en', { requestId: 'req_t1', kind: 'access', receivedOn: '2028-02-10' }));
    expect(e.code).toBe('invalid-input');
    expect(e.message).toBe('mail template "received": param dueDate is required');
    expect(e.details).toEqual({ template: 'received', field: 'dueDate' });
  });

  it('names the wrong field without repeating its value', () => {
    const code = refusal(() => render('verification-code', 'en', { ...PARAMS['verification-code'], code: 'SECRET-VALUE!' }));
    expect(code.message).toBe('mail template "verification-code": param code must be 4 to 12 letters or digits');
    expect(code.message).not.toContain('SECRET-VALUE');
    const link = refusal(() => render('completed', 'en', { ...PARAMS.completed, downloadUrl: 'javascript:alert(1)' }));
    expect(link.message).toMatch(/^mail template "completed": param downloadUrl must be an http\(s\) URL/);
    const day = refusal(() => render('received', 'en', { ...PARAMS.received, dueDate: '2028-02-30' }));
    expect(day.message).toBe('mail template "received": param dueDate is not a day of the calendar (YYYY-MM-DD)');
    const kind = refusal(() => render('received', 'en', { ...PARAMS.received, kind: 'delete-everything' }));
    expect(kind.details).toEqual({ template: 'received', field: 'kind' });
  });

  it('refuses a download link without its expiry, and a blocker without a description', () => {
    const { downloadExpiresAt: _, ...noExpiry } = PARAMS.completed;
    expect(refusal(() => render('completed', 'en', noExpiry)).details).toEqual({ template: 'completed', field: 'downloadExpiresAt' });
    const blockers = JSON.stringify([{ whatToDo: 'Pay it' }]);
    expect(refusal(() => render('closure-blocked', 'en', { requestId: 'req_t1', blockers })).details).toEqual({
      template: 'closure-blocked',
      field: 'blockers.0.description',
    });
    expect(refusal(() => render('closure-blocked', 'en', { requestId: 'req_t1', blockers: '[]' })).message).toBe(
      'mail template "closure-blocked": param blockers must name at least one blocker',
    );
  });

  it('refuses an unknown template, an unknown language and a privacy center that is not a web address', () => {
    expect(refusal(() => renderMessage('welcome', 'en', {}, OPTIONS)).message).toMatch(
      /^unknown mail template "welcome": use one of verification-code, received/,
    );
    expect(refusal(() => render('received', 'de')).message).toBe('mail language "de" is not one Custos writes: use en, fr, fr-CA');
    const option = refusal(() => renderMessage('received', 'en', PARAMS.received, { ...OPTIONS, privacyCenterUrl: 'ftp://x.test' }));
    expect(option.code).toBe('config');
    expect(option.details).toEqual({ field: 'privacyCenterUrl' });
  });
});

describe('messageParams', () => {
  it('encodes typed params as the outbox keeps them, and they render the same', () => {
    const params = messageParams('closure-blocked', {
      requestId: 'req_t1',
      blockers: [{ description: 'Service vps-1 is active', whatToDo: 'Cancel it' }],
    });
    expect(params).toEqual({ requestId: 'req_t1', blockers: '[{"description":"Service vps-1 is active","whatToDo":"Cancel it"}]' });
    expect(render('closure-blocked', 'en', params).text).toContain('- Service vps-1 is active\n  What to do: Cancel it');
    expect(messageParams('verification-code', { requestId: 'req_t1', code: 'K7Q2ZX', validMinutes: 15 })).toEqual({
      requestId: 'req_t1',
      code: 'K7Q2ZX',
      validMinutes: '15',
    });
  });

  it('refuses what a template cannot be filled with before it is queued', () => {
    expect(() => messageParams('received', { requestId: 'req_t1', kind: 'access', receivedOn: '2028-02-10', dueDate: 'soon' })).toThrow(
      'mail template "received": param dueDate must be a day as YYYY-MM-DD, e.g. 2028-03-01',
    );
  });
});
