// Recipients as real policies state them: an authority receiving "the information the request concerns", a processor
// collecting data itself that never reaches the provider, and a recipient's name in the notice's language.
import { describe, expect, it } from 'vitest';
import { BILINGUAL_PROVIDER, compileYaml, noticeTexts } from '../../../test/real-policy.js';
import { renderRopa } from '../ropa/index.js';

const RECIPIENTS = `recipients:
  police:
    name: { en: Law enforcement authorities, fr: Autorités judiciaires }
    kind: authority
    categories: concerned-by-request
  payco:
    name: { en: PayCo Payments, fr: PayCo Paiements }
    kind: processor
    categories: [user.financial.invoice]
    collects:
      categories: [user.financial.card, user.financial.card-security-code]
      description: { en: You enter your card on PayCo's own page., fr: Vous saisissez votre carte sur la page de PayCo. }
`;
const yaml = `${BILINGUAL_PROVIDER}${RECIPIENTS}`.replace(
  '    retention: account\n',
  '    retention: account\n    recipients: [police, payco]\n',
);

describe('an authority receiving what its request concerns', () => {
  it('is said to receive the information the request concerns, in English and French', () => {
    const [md] = noticeTexts(yaml, 'en');
    expect(md).toContain('| Law enforcement authorities | Public authority | The information the request concerns |');
    const [frMd] = noticeTexts(yaml, 'fr');
    expect(frMd).toContain('| Autorités judiciaires | Autorité publique | Les informations visées par la demande |');
  });

  it('is said so in the record of processing, and its categories stay an empty list in JSON', () => {
    const model = compileYaml(yaml);
    expect(renderRopa(model, { format: 'csv', lang: 'en' })).toContain('the information the request concerns');
    expect(renderRopa(model, { format: 'csv', lang: 'fr' })).toContain('les informations visées par la demande');
    const record = JSON.parse(renderRopa(model, { format: 'json', lang: 'en' })) as {
      processingActivities: { recipients: { id: string; categories: string[]; concernedByRequest: boolean }[] }[];
    };
    const recipients = record.processingActivities[0]?.recipients ?? [];
    expect(recipients.find((r) => r.id === 'police')).toMatchObject({ categories: [], concernedByRequest: true });
    expect(recipients.find((r) => r.id === 'payco')).toMatchObject({ categories: ['user.financial.invoice'], concernedByRequest: false });
  });

  it('is not said of a recipient with a list', () => {
    const listed = yaml.replace('categories: concerned-by-request', 'categories: [user.contact.email]');
    const [md] = noticeTexts(listed, 'en');
    expect(md).not.toContain('the request concerns');
    expect(renderRopa(compileYaml(listed), { format: 'csv', lang: 'en' })).not.toContain('the request concerns');
  });
});

describe('data a processor collects directly', () => {
  it('is named with the processor and said never to reach us, in English and French', () => {
    const [md, html] = noticeTexts(yaml, 'en');
    for (const text of [md, html]) {
      expect(text).toContain('PayCo Payments collects payment card and card security code directly from you; we never receive them.');
      expect(text).toContain("You enter your card on PayCo's own page.");
    }
    const [frMd] = noticeTexts(yaml, 'fr');
    expect(frMd).toContain(
      'PayCo Paiements collecte directement auprès de vous les données suivantes : carte de paiement et cryptogramme visuel ; nous ne recevons jamais ces données.',
    );
    expect(frMd).not.toContain('PayCo Payments');
    expect(frMd).not.toContain('never receive');
  });

  it('is not said without collects', () => {
    const [md] = noticeTexts(yaml.replace(/ {4}collects:\n.*\n.*\n/, ''), 'en');
    expect(md).not.toContain('directly from you');
  });
});

describe('a recipient name per language', () => {
  it('prints the French name in the French notice and record, never the English one', () => {
    const [md, html] = noticeTexts(yaml, 'fr');
    for (const text of [md, html]) {
      expect(text).toContain('Autorités judiciaires');
      expect(text).not.toContain('Law enforcement');
    }
    const csv = renderRopa(compileYaml(yaml), { format: 'csv', lang: 'fr' });
    expect(csv).toContain('PayCo Paiements');
    expect(csv).not.toContain('PayCo Payments');
  });
});
