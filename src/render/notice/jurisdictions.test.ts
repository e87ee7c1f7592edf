// What the laws in force change in the documents: legal bases only where stated or required, several bases with what
// each covers, only the rights granted (and where), FADP and custom jurisdictions in the deadline table, other authorities.
import { describe, expect, it } from 'vitest';
import { compilePolicy, type Language, type PolicyModel } from '../../policy/index.js';
import { buildRopaRecord, renderRopa } from '../ropa/index.js';
import { renderNotice } from './notice.js';

/** A small provider; `{{JURISDICTIONS}}` and `{{BASIS}}` are the parts each test varies. */
const TEMPLATE = `
organization:
  name: Tiny Host
  address: 1 Main Street, Montreal
  contact: { email: privacy@tiny.example }
  authorities:
    apdp: { name: { en: Monaco data protection authority (APDP), fr: Autorité de protection des données personnelles (APDP) } }
  jurisdictions: {{JURISDICTIONS}}
  languages: [en, fr, fr-CA]
  policy: { version: 1, lastReviewed: 2025-01-01 }
subjects:
  customers: { name: { en: Customers, fr: Clients } }
locations:
  hosting: [{ name: { en: Montreal, fr: Montréal }, country: CA, primary: true }]
purposes:
  service:
    name: { en: Service, fr: Service }
    description: { en: Running the service., fr: Fournir le service. }
{{BASIS}}    subjects: [customers]
    categories: [user.contact.email]
    retention: account
retention:
  account: { duration: P1Y, trigger: contract-end }
rights:
  channels: { email: privacy@tiny.example }
`;

const SEVERAL_BASES = `    legalBasis:
      - basis: contract
        covers: { en: for the duration of the contract, fr: pendant la durée du contrat }
      - basis: legal-obligation
        covers: { en: then until the legal retention periods expire, fr: puis jusqu’à l’expiration des délais légaux }
`;

const MONACO = `{ gdpr: {}, monaco: { custom: true, name: Monaco, law: { en: Law 1.565 on personal data protection, fr: Loi n° 1.565 relative à la protection des données personnelles }, deadline: P1M, extension: none, authority: apdp, complaints: P1M, rights: [access, rectification, erasure, objection], requiresLegalBasis: true, notes: { en: Answers are free of charge., fr: Les réponses sont gratuites. } } }`;

function manifest(jurisdictions: string, basis = '    legalBasis: contract\n', extra = ''): string {
  return TEMPLATE.replace('{{JURISDICTIONS}}', jurisdictions).replace('{{BASIS}}', basis) + extra;
}

function compile(yaml: string): PolicyModel {
  const result = compilePolicy([{ path: 'privacy.yaml', text: yaml }], { now: new Date('2026-11-23T00:00:00Z') });
  const problems = result.diagnostics.filter((d) => d.severity !== 'info');
  if (!result.model || problems.length > 0) throw new Error(problems.map((d) => `${d.code} ${d.message}`).join('\n'));
  return result.model;
}

/** The Markdown notice with escapes undone and typographic spaces and apostrophes made plain. */
const notice = (model: PolicyModel, lang: Language) =>
  renderNotice(model, { lang, format: 'md' })
    .replace(/\\([\\`*_[\]<>|#~&+.=-])/g, '$1')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/’/g, "'");

/** The bold titles of the rights list, in order. */
function rightTitles(md: string): string[] {
  const section =
    md
      .slice(md.indexOf('## '), md.length)
      .split(/\n## /)
      .find((s) => /^(Your rights|Vos droits)/.test(s)) ?? '';
  const list = section.split(/\n### /)[0] ?? '';
  return [...list.matchAll(/^- \*\*(.+?) ?:\*\*/gm)].map((m) => m[1] ?? '');
}

describe('legal bases where no law in force requires one (Quebec alone)', () => {
  const model = compile(manifest('[quebec]', ''));

  it('prints no legal-basis column, term or "not stated", in English and French', () => {
    const en = notice(model, 'en');
    expect(en).not.toMatch(/legal basis/i);
    expect(en).not.toContain('Not stated');
    expect(en).toContain('| Purpose | Retention |');
    const fr = notice(model, 'fr');
    expect(fr).not.toMatch(/base légale/i);
    expect(fr).not.toContain('Non précisée');
    expect(fr).toContain('| Finalité | Durée de conservation |');
  });

  it('lists exactly the five rights Quebec law grants, without restriction or objection', () => {
    expect(rightTitles(notice(model, 'en'))).toEqual(['Access', 'Rectification', 'Erasure', 'Portability', 'Withdrawing consent']);
    expect(notice(model, 'en')).not.toMatch(/restriction|objection/i);
    expect(notice(model, 'fr')).not.toMatch(/limitation|opposition/i);
    expect(model.grantedRights).toEqual(['access', 'rectification', 'erasure', 'portability', 'withdraw-consent']);
  });

  it('has the record of processing say the basis is not required under Quebec law', () => {
    expect(buildRopaRecord(model, 'en').processingActivities[0]?.legalBasis).toEqual({
      bases: [],
      text: 'Not required under Quebec law',
    });
    expect(renderRopa(model, { lang: 'fr', format: 'csv' })).toContain('Non exigée par la loi du Québec');
  });

  it('still shows a basis the manifest states although none is required', () => {
    const stated = compile(manifest('[quebec]'));
    expect(notice(stated, 'en')).toContain('| Purpose | Legal basis | Retention |');
    expect(notice(stated, 'en')).toContain('**Legal basis:** Performance of our contract with you');
  });
});

describe('a purpose on several legal bases, each with what it covers', () => {
  const model = compile(manifest('[gdpr]', SEVERAL_BASES));

  it('lists both short names in the summary and each basis with what it covers in the purpose, in English', () => {
    const en = notice(model, 'en');
    expect(en).toContain('| Service | Contract, Legal obligation |');
    expect(en).toContain(
      'Performance of our contract with you, or steps you asked for before entering into it — for the duration of the contract.',
    );
    expect(en).toContain('Compliance with a legal obligation we are subject to — then until the legal retention periods expire.');
  });

  it('does the same in French', () => {
    const fr = notice(model, 'fr');
    expect(fr).toContain('| Service | Contrat, Obligation légale |');
    expect(fr).toContain('— pendant la durée du contrat.');
    expect(fr).toContain("— puis jusqu'à l'expiration des délais légaux.");
  });

  it('gives the record of processing one line per basis and both codes in JSON', () => {
    const activity = buildRopaRecord(model, 'en').processingActivities[0];
    expect(activity?.legalBasis.bases.map((b) => [b.code, b.covers])).toEqual([
      ['contract', 'for the duration of the contract'],
      ['legal-obligation', 'then until the legal retention periods expire'],
    ]);
    const csv = renderRopa(model, { lang: 'fr', format: 'csv' });
    expect(csv).toMatch(/— pendant la durée du contrat\.\n.*— puis jusqu’à l’expiration des délais légaux\./);
  });
});

describe('rights granted by only some of the laws in force', () => {
  const model = compile(manifest('[gdpr, quebec]'));

  it('says where a right applies, in words, in en, fr and fr-CA', () => {
    const en = notice(model, 'en');
    expect(rightTitles(en)).toEqual([
      'Access',
      'Rectification',
      'Erasure',
      'Portability',
      'Restriction',
      'Objection',
      'Withdrawing consent',
    ]);
    expect(en).toMatch(/\*\*Restriction:\*\* [^\n]*\(where European Union law applies\)\./);
    expect(en).toMatch(/\*\*Access:\*\* [^\n(]*\.\n/);
    expect(notice(model, 'fr')).toMatch(/\*\*Droit d'opposition :\*\* [^\n]*\(lorsque le droit de l'Union européenne s'applique\)\./);
    expect(notice(model, 'fr-CA')).toContain("(lorsque le droit de l'Union européenne s'applique)");
  });

  it('says it of a right only an override grants, and of one only the other law grants', () => {
    const over = compile(manifest('{ quebec: { rights: [access, rectification, erasure] }, pipeda: {} }'));
    expect(notice(over, 'en')).toContain('(where Quebec law applies)');
    expect(notice(over, 'fr')).not.toContain('Quebec law');
    expect(rightTitles(notice(over, 'en'))).toEqual(['Access', 'Rectification', 'Erasure', 'Withdrawing consent']);
    expect(notice(over, 'en')).toMatch(/\*\*Erasure:\*\* [^\n]*\(where Quebec law applies\)\./);
    expect(notice(over, 'en')).toMatch(/\*\*Withdrawing consent:\*\* [^\n]*\(where Canadian federal law applies\)\./);
  });

  it('lists directives after death only when the manifest states what happens after death', () => {
    expect(rightTitles(notice(model, 'en'))).not.toContain('Directives after death');
    const stated = compile(manifest('[gdpr, quebec]', undefined, '  postMortem: destroy\n'));
    expect(rightTitles(notice(stated, 'en')).at(-1)).toBe('Directives after death');
    expect(notice(stated, 'en')).not.toMatch(/\*\*Directives after death:\*\* [^\n]*where/);
  });
});

describe("Switzerland's FADP and a custom jurisdiction", () => {
  it('prints the FADP in the deadline table, 30 days with an extension, in English and French', () => {
    const model = compile(manifest('[fadp]', ''));
    expect(notice(model, 'en')).toContain('| Switzerland | Federal Act on Data Protection (FADP) | 30 days | up to 30 days more');
    expect(notice(model, 'fr')).toContain('| Suisse | Loi fédérale sur la protection des données (LPD) | 30 jours |');
    expect(notice(model, 'en')).not.toMatch(/legal basis/i);
    expect(rightTitles(notice(model, 'en'))).not.toContain('Restriction');
    expect(model.jurisdictions[0]?.breachNotification).toBeUndefined();
  });

  it("prints a custom jurisdiction's name, law, deadline, notes and authority as declared", () => {
    const model = compile(manifest(MONACO));
    const en = notice(model, 'en');
    expect(en).toContain('| Monaco | Law 1.565 on personal data protection | 1 month | no extension | Answers are free of charge. |');
    expect(en).toContain('Monaco — **Monaco data protection authority (APDP)**');
    expect(en).toMatch(/\*\*Portability:\*\* [^\n]*\(where European Union law applies\)\./);
    expect(notice(model, 'fr')).toContain(
      '| Monaco | Loi n° 1.565 relative à la protection des données personnelles | 1 mois | aucune prolongation |',
    );
    expect(model.jurisdictions.map((j) => [j.id, j.preset])).toEqual([
      ['gdpr', 'gdpr'],
      ['monaco', undefined],
    ]);
  });

  it('prints no notes where the manifest says notes: none, and its own where it states them', () => {
    const none = notice(compile(manifest('{ quebec: { notes: none } }', '')), 'en');
    expect(none).toContain(
      '| Quebec | Act respecting the protection of personal information in the private sector | 30 days | no extension | — |',
    );
    expect(none).not.toContain('counts as a refusal');
    const own = notice(compile(manifest('{ quebec: { notes: { en: Ask us anything., fr: Demandez-nous. } } }', '')), 'fr');
    expect(own).toContain('| aucune prolongation | Demandez-nous. |');
  });
});

describe('any other competent authority', () => {
  it('is said only when the manifest states it, in en, fr and fr-CA', () => {
    const silent = compile(manifest('[gdpr]'));
    expect(notice(silent, 'en')).not.toContain('any other competent authority');
    const stated = compile(manifest('[gdpr]', undefined, '  otherAuthorities: true\n'));
    expect(notice(stated, 'en')).toContain('You can also complain to any other competent authority.');
    expect(notice(stated, 'fr')).toContain('Vous pouvez aussi adresser une réclamation à toute autre autorité compétente.');
    expect(notice(stated, 'fr-CA')).toContain('toute autre autorité compétente');
  });
});
