// Places named by region or in words, described safeguards, and the retention shapes real policies use: each is absent
// from a base manifest's notice and record, and stated once declared, in English and French.
import { describe, expect, it } from 'vitest';
import { buildRopaRecord } from '../ropa/index.js';
import { compileYaml, notices, plain } from '../../../test/real-policy.js';

const BASE = `
organization:
  name: Tiny Host
  address: 1 Main Street, Montreal
  contact: { email: privacy@tiny.example }
  jurisdictions: [gdpr]
  languages: [en, fr]
  policy: { version: 1, lastReviewed: 2025-01-01 }
subjects:
  customers: { name: { en: Customers, fr: Clients } }
consent:
  purposes:
    talent-pool: { name: { en: Talent pool, fr: Vivier }, description: { en: Keep my application., fr: Garder ma candidature. } }
recipients:
  mailer:
    name: Mail Co
    kind: processor
    categories: [user.contact.email]
    countries: [US]
    safeguard: standard-contractual-clauses
locations:
  hosting: [{ name: { en: Paris, fr: Paris }, country: FR, primary: true }]
purposes:
  service:
    name: { en: Service, fr: Service }
    description: { en: Running the service., fr: Fournir le service. }
    legalBasis: contract
    subjects: [customers]
    categories: [user.contact.email, system.network.ip, user.identity.document]
    recipients: [mailer]
    retention: account
  requests:
    name: { en: Requests, fr: Demandes }
    description: { en: Answering your requests., fr: Répondre à vos demandes. }
    legalBasis: legal-obligation
    subjects: [customers]
    categories: [user.contact.email, user.identity.document]
    retention: request-records
retention:
  account: { duration: P1Y, trigger: contract-end }
  request-records: { duration: P1Y, trigger: request-replied }
  id-proof: { duration: P0D, trigger: request-processed, categories: [user.identity.document] }
legalHolds:
  tax:
    description: { en: Accounting documents, fr: Pièces comptables }
    duration: P10Y
    trigger: contract-end
    categories: [user.contact.email]
rights: { identityProofRetention: id-proof }
`;

const compile = compileYaml;

const replace = (from: string, to: string) => (y: string) => {
  if (!y.includes(from)) throw new Error(`the base manifest has no "${from}"`);
  return y.replace(from, to);
};

/** Each construct: the manifest change that declares it, and the words it prints in English and French. */
const STATEMENTS: readonly { name: string; declare: (yaml: string) => string; en: string | string[]; fr: string | string[] }[] = [
  {
    name: 'hosting in a region',
    declare: replace('country: FR, primary: true }]', 'region: eu, primary: true }]'),
    en: '— European Union (main location)',
    fr: '— Union européenne (site principal)',
  },
  {
    name: 'hosting in a place in words',
    declare: replace(
      'country: FR, primary: true }]',
      'primary: true }, { name: Cloud, place: { en: the data centres you choose, fr: les centres de données que vous choisissez } }]',
    ),
    en: '— the data centres you choose',
    fr: '— les centres de données que vous choisissez',
  },
  {
    name: 'a transfer to a place in words, with a described safeguard',
    declare: (y) =>
      replace(
        'primary: true }]',
        `primary: true }]
  transfers:
    - place: { en: outside Quebec, fr: hors du Québec }
      description: { en: Our support team., fr: Notre équipe d'assistance. }
      safeguard: { description: { en: technical and administrative measures under applicable law, fr: mesures techniques et administratives prévues par la loi } }`,
      )(y),
    en: ['outside Quebec (transfer)', 'Our support team. Safeguard: technical and administrative measures under applicable law.'],
    fr: ['hors du Québec (transfert)', "Notre équipe d'assistance. Garantie : mesures techniques et administratives prévues par la loi."],
  },
  {
    name: 'a recipient in a region and a place in words',
    declare: replace(
      'countries: [US]\n    safeguard: standard-contractual-clauses',
      'countries: [US]\n    regions: [eea]\n    places: [{ en: your chosen region, fr: votre région }]\n    safeguard: standard-contractual-clauses',
    ),
    en: 'United States, European Economic Area and your chosen region',
    fr: 'États-Unis, Espace économique européen et votre région',
  },
  {
    name: 'an upper bound',
    declare: replace('account: { duration: P1Y, trigger: contract-end }', 'account: { atMost: P24M, trigger: collected }'),
    en: 'Kept at most 24 months from collection, then deleted.',
    fr: 'Conservées au plus 24 mois à compter de la collecte, puis supprimées.',
  },
  {
    name: 'transient data, with what it is used for',
    declare: replace(
      'account: { duration: P1Y, trigger: contract-end }',
      'account: { transient: true, description: { en: used only to build the page, fr: utilisées uniquement pour afficher la page } }',
    ),
    en: 'Not stored permanently; used only to build the page.',
    fr: 'Non conservées durablement ; utilisées uniquement pour afficher la page.',
  },
  {
    name: 'a legal tail after the period',
    declare: replace('account: { duration: P1Y, trigger: contract-end }', 'account: { duration: P30D, trigger: contract-end, then: tax }'),
    en: 'Kept for 30 days after the end of the contract, then until the legal retention periods expire (Accounting documents).',
    fr: 'Conservées 30 jours après la fin du contrat, puis jusqu’à l’expiration des délais de conservation imposés par la loi (Pièces comptables).',
  },
  {
    name: 'a legal hold without a duration',
    declare: replace(
      '    duration: P10Y\n    trigger: contract-end\n    categories: [user.contact.email]',
      '    trigger: contract-end\n    categories: [user.contact.email]',
    ),
    en: 'until the retention periods imposed by law expire',
    fr: 'jusqu’à l’expiration des délais de conservation imposés par la loi',
  },
  {
    name: 'a consent extension without a fixed duration',
    declare: replace(
      'request-records: { duration: P1Y, trigger: request-replied }',
      'request-records: { duration: P1Y, trigger: request-replied, extendedBy: { consent: talent-pool } }',
    ),
    en: 'unless you authorise otherwise (“Talent pool”)',
    fr: 'sauf si vous nous autorisez à les conserver plus longtemps (« Vivier »)',
  },
  {
    name: 'a rule’s description beside its period',
    declare: replace(
      'account: { duration: P1Y, trigger: contract-end }',
      'account: { duration: P1Y, trigger: contract-end, description: { en: One year after you leave., fr: Un an après votre départ. } }',
    ),
    en: 'Kept for 1 year after the end of the contract, then deleted. One year after you leave.',
    fr: 'Conservées 1 an après la fin du contrat, puis supprimées. Un an après votre départ.',
  },
  {
    name: 'a collection’s own rule',
    declare: (y) =>
      `${y.replace('  account: { duration: P1Y', '  server-logs: { duration: P12M, trigger: collected }\n  account: { duration: P1Y')}
identities:
  email: { type: email }
datasets:
  app:
    store: { kind: sqlite, file: app.db }
    collections:
      logs:
        description: { en: Server logs, fr: Journaux du serveur }
        identity: { email: email }
        timestamps: { collected: at }
        retention: server-logs
        fields:
          email: { type: email, category: user.contact.email }
          at: { type: datetime }
`,
    en: ['Server logs (collection)', 'Kept for 12 months from collection, then deleted.'],
    fr: ['Journaux du serveur (collection)', 'Conservée 12 mois à compter de la collecte, puis supprimée.'],
  },
];

describe('places and retention shapes in the notice', () => {
  const base = compile(BASE);

  it.each(STATEMENTS)('does not state $name before it is declared', ({ en, fr }) => {
    // The last words of each statement are the construct's own: absent from the base notice.
    for (const text of notices(base, 'en')) expect(text).not.toContain(plain([en].flat().at(-1) ?? ''));
    for (const text of notices(base, 'fr')) expect(text).not.toContain(plain([fr].flat().at(-1) ?? ''));
  });

  it.each(STATEMENTS)('states $name once declared, in English and French, Markdown and HTML', ({ declare, en, fr }) => {
    const model = compile(declare(BASE));
    for (const text of notices(model, 'en')) for (const words of [en].flat()) expect(text).toContain(plain(words));
    for (const text of notices(model, 'fr')) for (const words of [fr].flat()) expect(text).toContain(plain(words));
  });

  it('names a hosting whose place is not stated alone, with no country', () => {
    const [md = ''] = notices(compile(BASE.replace('country: FR, primary: true }]', 'primary: true }]')), 'en');
    expect(md).toContain('Paris** (main location)');
    expect(md).not.toContain('France');
  });
});

describe('a rule listing categories, under the purposes it governs', () => {
  const proof = 'Identity document: deleted as soon as the request is processed.';
  /** The purpose's own section of the Markdown notice. */
  const purposeSection = (md: string, name: string) => {
    const start = md.indexOf(`### ${name} `);
    return md.slice(start, md.indexOf('## ', start + 4));
  };

  it('governs them under the purpose handling requests, not under another purpose sharing the category', () => {
    const [md = ''] = notices(compile(BASE), 'en');
    expect(purposeSection(md, 'Requests')).toContain(proof);
    expect(purposeSection(md, 'Service')).not.toContain(proof);
  });

  it('governs them under every purpose its purposes: names, and only there', () => {
    const scoped = compile(
      BASE.replace('categories: [user.identity.document] }', 'categories: [user.identity.document], purposes: [service] }'),
    );
    const [md = ''] = notices(scoped, 'en');
    expect(purposeSection(md, 'Service')).toContain(proof);
    expect(purposeSection(md, 'Requests')).not.toContain(proof);
  });

  it('governs them everywhere when no purpose names it and it is not the identity-proof rule', () => {
    const unnamed = compile(BASE.replace('rights: { identityProofRetention: id-proof }', ''));
    const [md = ''] = notices(unnamed, 'en');
    expect(purposeSection(md, 'Service')).toContain(proof);
    expect(purposeSection(md, 'Requests')).toContain(proof);
  });
});

describe('places and retention shapes in the record of processing', () => {
  it('lists a transfer to a region or a place in words, with a described safeguard, and no home region', () => {
    const model = compile(
      BASE.replace(
        'primary: true }]',
        `primary: true }]
  transfers:
    - { region: eea, description: Backups., safeguard: adequacy }
    - place: { en: outside Quebec, fr: hors du Québec }
      description: Support.
      safeguard: { description: { en: measures under applicable law, fr: mesures prévues par la loi } }`,
      ),
    );
    const service = buildRopaRecord(model, 'fr').processingActivities.find((a) => a.id === 'service');
    expect(service?.thirdCountryTransfers.map((t) => [t.country, t.region, t.place, t.safeguard, t.safeguardText])).toEqual([
      ['US', null, null, 'standard-contractual-clauses', 'clauses contractuelles types'],
      [null, null, 'hors du Québec', null, 'mesures prévues par la loi'],
    ]);
  });

  it('states an upper bound, a legal tail and a hold without a duration', () => {
    const model = compile(
      BASE.replace('account: { duration: P1Y, trigger: contract-end }', 'account: { atMost: P24M, trigger: collected, then: tax }').replace(
        '    duration: P10Y\n',
        '',
      ),
    );
    const service = buildRopaRecord(model, 'en').processingActivities.find((a) => a.id === 'service');
    expect(service?.erasure[0]).toMatchObject({ rule: 'account', duration: 'P24M', bound: 'at-most', then: 'tax' });
    expect(service?.erasure[0]?.text).toBe(
      'Kept at most 24 months from collection, then until the legal retention periods expire (Accounting documents).',
    );
    expect(service?.legalHolds).toEqual([
      {
        id: 'tax',
        categories: ['user.contact.email'],
        duration: null,
        text: 'Accounting documents: until the retention periods imposed by law expire',
      },
    ]);
  });
});
