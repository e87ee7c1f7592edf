// The notice states only what the manifest declares: each promise is absent from a minimal manifest's notice and present once declared.
import { describe, expect, it } from 'vitest';
import { compileYaml, notices, plain } from '../../../test/real-policy.js';

const MINIMAL = `
organization:
  name: Tiny Host
  address: 1 Main Street, Montreal
  contact: { email: privacy@tiny.example }
  jurisdictions: [gdpr]
  languages: [en, fr]
  policy: { version: 1, lastReviewed: 2025-01-01 }
subjects:
  customers: { name: { en: Customers, fr: Clients } }
recipients:
  mailer:
    name: Mail Co
    kind: processor
    categories: [user.contact.email]
    countries: [FR]
locations:
  hosting: [{ name: { en: Montreal, fr: Montréal }, country: CA, primary: true }]
purposes:
  service:
    name: { en: Service, fr: Service }
    description: { en: Running the service., fr: Fournir le service. }
    legalBasis: contract
    subjects: [customers]
    categories: [user.contact.email, user.auth.password, system.network.ip, user.identity.document]
    recipients: [mailer]
    retention: account
  checks:
    name: { en: Identity checks, fr: Vérifications d'identité }
    description: { en: Checking who you are., fr: Vérifier votre identité. }
    legalBasis: legal-obligation
    subjects: [customers]
    categories: [user.identity.document]
    retention: checks
retention:
  account: { duration: P1Y, trigger: contract-end }
  checks: { duration: P0D, trigger: request-processed, categories: [user.identity.document] }
`;

const compile = compileYaml;

/** Each promise: the manifest change that states it, and the words it prints in English and French. */
const PROMISES: readonly { name: string; declare: (yaml: string) => string; en: string; fr: string }[] = [
  {
    name: 'the built-in forbidden list',
    declare: (y) => `${y}taxonomy: { forbidden: default }\n`,
    en: 'We never collect, store or use the following data',
    fr: "Nous ne collectons, ne conservons et n'utilisons jamais les données suivantes",
  },
  {
    name: 'genetic data in that list',
    declare: (y) => `${y}taxonomy: { forbidden: default }\n`,
    en: 'Genetic data',
    fr: 'Données génétiques',
  },
  {
    name: 'automatic deletion at the end of a period',
    declare: (y) => y.replace('  policy:', '  deletion: automatic\n  policy:'),
    en: 'When a period ends, the data is deleted or anonymised automatically',
    fr: 'les données sont supprimées ou anonymisées automatiquement',
  },
  {
    name: 'corrections passed on to recipients',
    declare: (y) => `${y}rights: { notifyRecipients: true }\n`,
    en: 'we pass the correction on to the recipients of your data',
    fr: 'nous transmettons la correction aux destinataires de vos données',
  },
  {
    name: 'every access recorded (medium-class handling text)',
    declare: (y) => `${y}taxonomy: { handlingTexts: default }\n`,
    en: 'every access is recorded',
    fr: 'chaque accès est tracé',
  },
  {
    name: 'a high-class handling text',
    declare: (y) => `${y}taxonomy: { handlingTexts: default }\n`,
    en: 'Used only to authenticate you; never logged',
    fr: 'Utilisées uniquement pour vous authentifier',
  },
  {
    name: 'a complaint-handling deadline',
    declare: (y) => y.replace('jurisdictions: [gdpr]', 'jurisdictions: { gdpr: { complaints: P30D } }'),
    en: 'we answer complaints within 30 days',
    fr: 'nous répondons aux réclamations sous 30 jours',
  },
  {
    name: 'what happens to data after death',
    declare: (y) => `${y}rights: { postMortem: destroy }\n`,
    en: 'Unless you have left other directives, we destroy your data',
    fr: 'Sauf directives contraires de votre part, nous détruisons vos données',
  },
  {
    name: 'a review cycle',
    declare: (y) => y.replace('lastReviewed: 2025-01-01', 'lastReviewed: 2025-01-01, reviewCycle: P1Y'),
    en: 'Next review due',
    fr: 'Prochaine révision prévue',
  },
  {
    name: 'a cookie banner',
    declare: (y) =>
      `${y}consent:\n  banner: true\n  cookies:\n    analytics: { description: { en: Audience., fr: Audience. }, cookies: [{ name: _a, provider: Tiny, lifetime: P13M }] }\n`,
    en: 'You can change your choices at any time from the cookie banner.',
    fr: 'Vous pouvez modifier vos choix à tout moment depuis le bandeau de gestion des cookies.',
  },
  {
    name: 'consent asked for cookies (through the banner)',
    declare: (y) =>
      `${y}consent:\n  banner: true\n  cookies:\n    analytics: { description: { en: Audience., fr: Audience. }, cookies: [{ name: _a, provider: Tiny, lifetime: P13M }] }\n`,
    en: 'These cookies are set only if you accept them',
    fr: 'Ces cookies ne sont déposés que si vous les acceptez',
  },
  {
    name: 'a site without cookies',
    declare: (y) => `${y}consent: { cookies: {} }\n`,
    en: 'Our websites use no cookies.',
    fr: "Nos sites n'utilisent aucun cookie.",
  },
  {
    name: 'the legal holds referred to',
    declare: (y) =>
      `${y}legalHolds:\n  tax: { description: { en: Tax, fr: Impôts }, duration: P6Y, trigger: contract-end, categories: [user.contact.email] }\n`,
    en: '(see the legal holds above)',
    fr: '(voir les obligations légales de conservation ci-dessus)',
  },
  {
    name: 'directives sent through the channels',
    declare: (y) => `${y}rights: { postMortem: destroy, channels: { email: privacy@tiny.example } }\n`,
    en: 'through the channels above',
    fr: 'par les moyens indiqués ci-dessus',
  },
  {
    name: 'a proportionate identity check',
    declare: (y) =>
      `${y}rights:\n  verification: { en: "being logged in to your account is enough", fr: "être connecté à votre compte suffit" }\n`,
    en: 'being logged in to your account is enough',
    fr: 'être connecté à votre compte suffit',
  },
];

describe('a minimal manifest’s notice', () => {
  const minimal = compile(MINIMAL);

  it.each(PROMISES)('does not state $name, in English or French, Markdown or HTML', ({ en, fr }) => {
    for (const text of notices(minimal, 'en')) expect(text).not.toContain(plain(en));
    for (const text of notices(minimal, 'fr')) expect(text).not.toContain(plain(fr));
  });

  it('has no classification, cookies, post-mortem or exercise section, and no dangling reference to them', () => {
    const [md] = notices(minimal, 'en');
    expect(md).not.toContain('How we classify and protect data');
    expect(md).not.toContain('ookie');
    expect(md).not.toContain('Your data after your death');
    expect(md).not.toContain('How to exercise your rights');
    expect(md).not.toContain('Review cycle');
    expect(md).toContain('You can lodge a complaint with the data protection authority');
    expect(md).not.toContain('You can also lodge');
  });
});

describe('a manifest that declares a promise', () => {
  it.each(PROMISES)('states $name, in English and French, Markdown and HTML', ({ declare, en, fr }) => {
    const model = compile(declare(MINIMAL));
    for (const text of notices(model, 'en')) expect(text).toContain(plain(en));
    for (const text of notices(model, 'fr')) expect(text).toContain(plain(fr));
  });

  it('prints a handling text the manifest states, and only that one, for its class', () => {
    const model = compile(`${MINIMAL}taxonomy:\n  handling:\n    high: { store: { en: Kept hashed., fr: Conservées hachées. } }\n`);
    const [md] = notices(model, 'en');
    expect(md).toContain('Kept hashed.');
    expect(md).not.toContain('Used only to authenticate you');
    expect(md).not.toContain('Standard data Storage');
  });

  it('lists a forbidden category the manifest declares itself, without the built-in ones', () => {
    const model = compile(
      `${MINIMAL}taxonomy:\n  categories:\n    user.criminal.record: { class: forbidden, label: { en: Criminal records, fr: Casier judiciaire } }\n`,
    );
    const [md] = notices(model, 'en');
    expect(md).toContain('Criminal records');
    expect(md).not.toContain('Genetic data');
  });
});
