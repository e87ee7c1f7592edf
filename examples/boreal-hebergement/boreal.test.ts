// The Quebec sample: its manifest says only what its policy says, and its notices (fr-CA first, then en) say that and nothing more.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compilePolicyFolder, formatDiagnostic, type PolicyModel } from '../../src/policy/index.js';
import { renderNotice, renderRopa } from '../../src/render/index.js';

const MANIFEST = new URL('./privacy/', import.meta.url).pathname;
const result = compilePolicyFolder(MANIFEST, { now: new Date('2026-12-01T00:00:00Z') });

function model(): PolicyModel {
  if (!result.model) throw new Error(`the manifest did not compile:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  return result.model;
}

describe('the Hébergement Boréal manifest', () => {
  it('lints with no error and no warning, relying on no default it would publish', () => {
    expect(result.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic)).toEqual([]);
    // The notes say what the notice leaves unsaid because the policy is silent: all of them are absences.
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['CUS060', 'CUS061', 'CUS062', 'CUS063', 'CUS064']);
  });

  it('is written French first, under Quebec law alone, with no legal basis and the five rights Quebec grants', () => {
    const m = model();
    expect(m.languages).toEqual(['fr-CA', 'en']);
    expect(m.jurisdictions.map((j) => j.id)).toEqual(['quebec']);
    expect([...m.purposes.values()].every((p) => p.legalBases.length === 0)).toBe(true);
    expect(m.grantedRights).toEqual(['access', 'rectification', 'erasure', 'portability', 'withdraw-consent']);
  });
});

describe('the notice in Quebec French', () => {
  // French typography puts no-break spaces before colons and semicolons and inside "30 jours": compared as plain spaces.
  const notice = renderNotice(model(), { lang: 'fr-CA' }).replace(/[\u00a0\u202f]/g, ' ');

  it.each([
    ['Quebec terms', 'renseignements personnels'],
    ['the person in charge', '### Responsable de la protection des renseignements personnels'],
    ['cookies called témoins, by a link to their own policy', 'Notre politique relative aux témoins'],
    ['no third-party cookie', 'Nos sites ne déposent aucun témoin tiers.'],
    ['hosting as a region in words', '**Nos centres de données** — au Québec'],
    ['a recipient outside Quebec', 'hors du Québec'],
    ['a safeguard in words', 'mesures techniques et administratives conformes à la loi applicable'],
    ['the legal tail', 'Conservées pendant la durée du contrat, puis jusqu’à l’expiration des délais de conservation imposés par la loi'],
    ['an upper bound', 'Conservées au plus 24 mois à compter de la collecte'],
    ['transient API data', 'Non conservées durablement ; utilisées seulement pour afficher la page.'],
    ['deletion on withdrawal of consent', 'Supprimées dès le retrait de votre consentement.'],
    ['data the processor collects itself', 'Paiements Laurentides collecte directement auprès de vous'],
    ['what authorities receive', 'Les informations visées par la demande'],
    ['the consequence of refusing', '**Si vous ne fournissez pas ces renseignements :**'],
    ['Quebec portability', 'renseignements personnels informatisés'],
    ['the 30-day deadline without extension', '| 30 jours | aucune prolongation |'],
    ['the revision history', '| 2 | 22 septembre 2023 | Mise à jour pour la Loi 25. |'],
  ])('says %s', (_, text) => expect(notice).toContain(text));

  it.each([
    ['no legal basis', 'Base légale'],
    ['no restriction', 'limitation'],
    ['no objection', 'opposition'],
    ['nothing on death', 'décès'],
    ['no forbidden list', 'Ce que nous ne collectons jamais'],
    ['no banner', 'bandeau'],
    ['no automatic deletion', 'automatiquement'],
    ['no complaint deadline', 'réclamations dans'],
    ['no review cycle', 'Cycle de révision'],
    ['no GDPR', 'RGPD'],
    ['no handling texts', 'Règles de traitement'],
    ['no built-in data class text', 'jamais journalisé'],
    ['no English sentence', ' the '],
  ])('says %s', (_, text) => expect(notice).not.toContain(text));

  it('lists exactly the five rights, in Quebec French', () => {
    const rights = notice.slice(notice.indexOf('## Vos droits'), notice.indexOf('### Comment exercer'));
    expect(rights.match(/^- \*\*[^*]+\*\*/gm)).toEqual([
      '- **Droit d’accès :**',
      '- **Droit de rectification :**',
      '- **Droit à l’effacement :**',
      '- **Droit à la portabilité :**',
      '- **Retrait du consentement :**',
    ]);
  });
});

describe('the notice in English', () => {
  const notice = renderNotice(model(), { lang: 'en' });

  it('says what the policy says', () => {
    for (const text of [
      'Kept for the duration of the contract, then until the legal retention periods expire (invoices and accounting records).',
      'Kept at most 12 months from collection, then deleted.',
      'Not stored permanently; used only to display the page.',
      'The information the request concerns',
      'Our websites set no third-party cookies.',
      '| Quebec | Act respecting the protection of personal information in the private sector | 30 days | no extension |',
    ])
      expect(notice).toContain(text);
  });

  it('says nothing the policy did not', () => {
    for (const text of [
      'Legal basis',
      'Restriction',
      'Objection',
      'after death',
      'never collect',
      'banner',
      'automatically',
      'GDPR',
      'Review cycle',
    ])
      expect(notice).not.toContain(text);
    // Portability without the GDPR's condition on a basis the notice never states.
    expect(notice).not.toContain('on the basis of our contract or your consent');
  });
});

describe('the record of processing', () => {
  it('has one row per purpose, no legal basis required, and the upper bounds and legal tail in its time limits', () => {
    const rows = parse(renderRopa(model(), { format: 'csv', lang: 'en' }), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['Purpose id'])).toEqual(['hosting', 'billing', 'support', 'security', 'control-panel', 'newsletter']);
    expect(new Set(rows.map((r) => r['Legal basis']))).toEqual(new Set(['Not required under Quebec law']));
    expect(rows.find((r) => r['Purpose id'] === 'support')?.['Time limits for erasure']).toContain('at most 24 months');
    expect(rows.find((r) => r['Purpose id'] === 'billing')?.['Time limits for erasure']).toContain(
      'until the legal retention periods expire',
    );
  });
});
