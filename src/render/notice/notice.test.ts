// The privacy notice says, in English and in French, everything the fixture manifest declares.
import { describe, expect, it } from 'vitest';
import { CustosError } from '../../errors.js';
import { compilePolicy } from '../../policy/index.js';
import { auditHtml, headingsInOrder } from '../document/html-audit.test-support.js';
import { fixtureModel } from '../fixtures.js';
import { renderNotice } from './notice.js';

const model = fixtureModel();
/** Reads Markdown as a person would: without backslash escapes, with plain spaces and straight apostrophes. */
const read = (md: string) =>
  md
    .replace(/\\([\\`*_[\]<>|#~&+.=-])/g, '$1')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/’/g, "'");
const en = read(renderNotice(model, { lang: 'en', format: 'md' }));
const fr = read(renderNotice(model, { lang: 'fr', format: 'md' }));
/** The Markdown of one `##` section, by its title. */
const part = (doc: string, title: string) => doc.split(/\n(?=## )/).find((s) => s.startsWith(`## ${title}`)) ?? '';
/** The table row that mentions `key`. */
const row = (doc: string, key: string) => doc.split('\n').find((l) => l.startsWith('|') && l.includes(key)) ?? '';

describe('English notice', () => {
  it('names the controller, its contact and its DPO, and the controller/processor boundary', () => {
    const who = part(en, 'Who we are');
    expect(who).toContain('Stratus Cloud, SAS, registered under RCS Paris 901 234 567');
    expect(who).toContain('hello@stratus.example');
    expect(who).toContain('### Data protection officer');
    expect(who).toContain('dpo@stratus.example');
    expect(en).toContain('### Whose data we process\n\n- Customers\n- Prospects\n- Website visitors — People browsing our public website.');
    expect(part(en, 'What this policy covers')).toContain('we process it only on your instructions, as your processor');
    expect(en).toContain('https://stratus.example/legal/dpa');
  });

  it('states each purpose with its legal basis in words', () => {
    for (const name of [
      'Contract management and billing',
      'Running and securing the services',
      'Newsletter and offers',
      'Handling your rights requests',
    ]) {
      expect(en).toContain(`### ${name}`);
    }
    expect(en).toContain('**Legal basis:** Performance of our contract with you');
    expect(en).toContain('**Legal basis:** Our legitimate interest: keeping our platform available and secure.');
    expect(en).toContain('**Legal basis:** Your consent (“Newsletter”), which you can withdraw at any time.');
    expect(en).toContain('**Legal basis:** Compliance with a legal obligation we are subject to.');
    expect(en).toContain('**People concerned:** Customers, prospects and website visitors');
  });

  it('says how long each purpose keeps its data, in words from its trigger', () => {
    const retention = part(en, 'How long we keep your data');
    expect(row(retention, 'Contract management')).toContain('Kept for 1 year after the end of the contract, then deleted.');
    expect(row(retention, 'Audience measurement')).toContain('Kept for 180 days from collection, then anonymised.');
    expect(retention).toContain('Kept for 24 months from collection, then deleted.');
    expect(row(retention, 'Newsletter')).toContain('Kept for 3 years after the last contact, then deleted.');
    expect(retention).toContain('Kept for 1 year after the reply to the request, then deleted.');
    expect(row(retention, 'Identity document')).toContain('Deleted as soon as the request is processed.');
    expect(row(retention, 'Invoices and accounting records')).toContain('10 years from collection');
    expect(row(retention, 'Invoices and accounting records')).toContain('Code de commerce, art. L123-22');
  });

  it('lists each recipient with what it receives, where and under which safeguard', () => {
    const recipients = part(en, 'Who receives your data');
    expect(row(recipients, 'PayFlow Payments Ltd')).toContain('Name, email address and payment processor token');
    expect(row(recipients, 'PayFlow Payments Ltd')).toContain('Ireland and United States');
    expect(row(recipients, 'PayFlow Payments Ltd')).toContain('standard contractual clauses');
    expect(row(recipients, 'Courrier Express')).toContain('| France |');
  });

  it('says where data is hosted, what leaves, and what is ruled out', () => {
    const places = part(en, 'Where your data is stored');
    expect(places).toContain('**Paris data centres** — France (main location)');
    expect(places).toContain('Canada (region you choose for your services)');
    expect(places).toContain('**Canada (remote access):** Our support team in Montreal');
    expect(places).toContain('Safeguard: adequacy decision.');
    expect(places).toContain('No company of our group outside the European Union or Canada receives your data.');
  });

  it('lists cookies by category, with lifetimes and whether consent is asked', () => {
    const cookies = part(en, 'Cookies');
    expect(cookies).toContain('### Strictly necessary cookies');
    expect(row(cookies, 'stratus_session')).toContain('1 day');
    expect(cookies).toContain('set without asking for your consent');
    expect(row(cookies, '_sa_id')).toContain('13 months');
    expect(cookies).toContain('set only if you accept them');
  });

  it('gives the handling rules of each class and everything never collected', () => {
    const classes = part(en, 'How we classify and protect data');
    expect(classes).toContain('### Highly protected data');
    expect(classes).toContain('**Storage:** Stored only encrypted or hashed.');
    const never = classes.slice(classes.indexOf('### What we never collect'));
    for (const label of [
      'Racial or ethnic origin',
      'Political opinions',
      'Religious or philosophical beliefs',
      'Trade-union membership',
      'Genetic data',
      'Biometric data used to identify a person',
      'Health',
      'Sex life or sexual orientation',
      'Card security code',
    ]) {
      expect(never).toContain(`- ${label}\n`);
    }
    expect(part(en, 'How we secure your data')).toContain('Passwords are hashed with Argon2id');
  });

  it('explains every right, how to exercise it, and the deadline of each jurisdiction', () => {
    const rights = part(en, 'Your rights');
    for (const right of [
      'Access',
      'Rectification',
      'Erasure',
      'Portability',
      'Restriction',
      'Objection',
      'Withdrawing consent',
      'Directives after death',
    ]) {
      expect(rights).toContain(`- **${right}:** You can`);
    }
    expect(rights).toContain('[https://stratus.example/privacy/requests]');
    expect(rights).toContain('[privacy@stratus.example](<mailto:privacy@stratus.example>)');
    expect(rights).toContain('**Identity check:** If you are logged in, that is enough');
    expect(rights).toContain('If we ask you for identity documents, the copies are deleted as soon as the request is processed.');
    expect(rights).toContain('**Fees:** Requests are free.');
    expect(row(rights, 'European Union')).toContain('| 1 month | up to 2 months more, with notice and reasons |');
    expect(row(rights, '| Quebec')).toContain('| 30 days | no extension |');
  });

  it('handles complaints within the stated time and names each authority', () => {
    const rights = part(en, 'Your rights');
    expect(rights).toContain('we answer complaints within 30 days');
    expect(rights).toContain("European Union — **Commission nationale de l'informatique et des libertés (CNIL)**");
    expect(rights).toContain("Quebec — **Commission d'accès à l'information du Québec**");
    expect(rights).toContain('we destroy your data after your death');
  });

  it('shows the version and review dates, and the generation date only when asked', () => {
    expect(en).toContain('Version 2.1 — in effect since 15 January 2025');
    expect(part(en, 'Changes to this policy')).toContain('**Next review due:** 10 January 2026');
    expect(en).not.toContain('generated on');
    expect(renderNotice(model, { now: new Date('2025-06-02T08:00:00Z') })).toContain('This document was generated on 2 June 2025');
  });
});

describe('French notice', () => {
  it('says the same things in French, using vous', () => {
    for (const name of [
      'Gestion du contrat et facturation',
      'Exploitation et sécurité des services',
      "Lettre d'information et offres",
      "Traitement de vos demandes d'exercice de droits",
    ]) {
      expect(fr).toContain(`### ${name}`);
    }
    expect(fr).toContain("**Base légale :** L'exécution du contrat qui nous lie à vous");
    expect(fr).toContain('**Base légale :** Notre intérêt légitime : assurer la disponibilité et la sécurité de notre plateforme.');
    expect(fr).toContain("**Base légale :** Votre consentement (« Lettre d'information »), que vous pouvez retirer à tout moment.");
    expect(fr).not.toMatch(/(?<!\p{L})(tu|toi|ton|ta|tes)(?!\p{L})/u);
  });

  it('says retention periods in French words', () => {
    const retention = part(fr, 'Combien de temps nous conservons vos données');
    expect(retention).toContain('Conservées 1 an après la fin du contrat, puis supprimées.');
    expect(retention).toContain('Conservés 24 mois à compter de la collecte, puis supprimés.');
    expect(retention).toContain("| Mesure d'audience | Conservée 180 jours à compter de la collecte, puis anonymisée. |");
    expect(retention).toContain('Conservés 1 an après la réponse à la demande, puis supprimés.');
    expect(retention).toContain("| Pièce d'identité | Supprimée dès le traitement de la demande. |");
    expect(retention).toContain('10 ans à compter de la collecte');
  });

  it('names recipients, countries, rights, deadlines and authorities in French', () => {
    expect(row(fr, 'PayFlow Payments Ltd')).toContain('Irlande et États-Unis');
    expect(row(fr, 'PayFlow Payments Ltd')).toContain('clauses contractuelles types');
    for (const right of [
      "Droit d'accès",
      'Droit de rectification',
      "Droit à l'effacement",
      'Droit à la portabilité',
      'Droit à la limitation',
      "Droit d'opposition",
      'Retrait du consentement',
      'Directives après votre décès',
    ]) {
      expect(fr).toContain(`- **${right} :** Vous pouvez`);
    }
    expect(row(fr, 'Union européenne')).toContain("| 1 mois | jusqu'à 2 mois supplémentaires, avec information motivée |");
    expect(row(fr, '| Québec')).toContain('| 30 jours | aucune prolongation |');
    expect(fr).toContain('nous répondons aux réclamations sous 30 jours');
    expect(fr).toContain("Union européenne — **Commission nationale de l'informatique et des libertés (CNIL)**");
    for (const label of [
      'Origine raciale ou ethnique',
      'Opinions politiques',
      'Santé',
      'Données génétiques',
      'Vie sexuelle ou orientation sexuelle',
      'Cryptogramme visuel',
    ]) {
      expect(part(fr, 'Comment nous classons')).toContain(`- ${label}\n`);
    }
  });

  it('leaves no English wording', () => {
    expect(fr).not.toMatch(/\b(the|and|your|with|within|days|months|years)\b/);
  });

  it('follows French typography: no-break spaces before colons and question marks, curly apostrophes', () => {
    const raw = renderNotice(model, { lang: 'fr', format: 'md' });
    expect(raw).toContain('## Qui sommes-nous\u202f?');
    expect(raw).toContain('**Base légale\u00a0:**');
    expect(raw).toContain('30\u00a0jours');
    expect(raw).toContain('d’information');
    expect(raw).not.toMatch(/[^\s\u00a0]:\s/);
  });
});

describe('HTML notice', () => {
  it.each(['en', 'fr'] as const)('is a valid standalone page in %s, headings in order, tables with header cells', (lang) => {
    const html = renderNotice(model, { lang, format: 'html' });
    const audit = auditHtml(html);
    expect(audit.parseErrors).toEqual([]);
    expect(audit.lang).toBe(lang);
    expect(headingsInOrder(audit.headings)).toBe(true);
    expect(audit.tables.length).toBeGreaterThanOrEqual(5);
    for (const t of audit.tables) expect(t.thead && t.th >= t.rows).toBe(true);
  });

  it('escapes a manifest string carrying markup, in both formats', () => {
    const hostile = fixtureModel((text) =>
      text.replace('Creating your account, providing', '<script>alert(1)</script> <b onclick=x>Creating</b> your account, providing'),
    );
    const html = renderNotice(hostile, { format: 'html' });
    const audit = auditHtml(html);
    expect(audit.tags.has('script')).toBe(false);
    expect(audit.tags.has('b')).toBe(false);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(audit.text).toContain('<script>alert(1)</script> <b onclick=x>Creating</b> your account');
    expect(renderNotice(hostile, { format: 'md' })).toContain('\\<script\\>alert(1)\\</script\\>');
  });
});

describe('a minimal manifest', () => {
  const minimal = compilePolicy(
    [
      {
        path: 'privacy.yaml',
        text: `
organization:
  name: Tiny Host
  address: 1 Main Street, Montreal
  contact: { email: privacy@tiny.example }
  jurisdictions: [quebec]
  policy: { version: 1, lastReviewed: 2025-01-01 }
subjects:
  customers: { name: Customers }
locations:
  hosting: [{ name: Montreal, country: CA, primary: true }]
purposes:
  service: { name: Service, description: Running the service., legalBasis: contract, subjects: [customers], categories: [user.contact.email] }
`,
      },
    ],
    { now: new Date('2025-06-01T00:00:00Z') },
  ).model;

  it('still reads as a complete notice, saying what is absent', () => {
    if (!minimal) throw new Error('minimal manifest did not compile');
    const md = read(renderNotice(minimal));
    expect(md).toContain('We do not share your data with anyone outside our company.');
    // No cookies section at all: the manifest says nothing on cookies, so neither does the notice.
    expect(md).not.toContain('ookie');
    expect(md).toContain('| Service | Contract | Retention period not stated. |');
    expect(md).toContain('Quebec — the data protection authority of the place where you live');
    expect(auditHtml(renderNotice(minimal, { format: 'html' })).parseErrors).toEqual([]);
  });
});

describe('options', () => {
  it('defaults to the first manifest language and Markdown', () => {
    expect(renderNotice(model)).toBe(renderNotice(model, { lang: 'en', format: 'md' }));
  });

  it('refuses an unknown format or language with a clear error', () => {
    expect(() => renderNotice(model, { format: 'pdf' as 'md' })).toThrow(CustosError);
    expect(() => renderNotice(model, { lang: 'de' as 'en' })).toThrow(/lang must be one of en, fr/);
  });
});
