// The sample provider's notices (en, fr) and record of processing say what its manifest states.
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilePolicyFolder, localize, type PolicyModel } from '../../src/policy/index.js';
import { renderNotice, renderRopa } from '../../src/render/index.js';

let model: PolicyModel;
beforeAll(() => {
  const result = compilePolicyFolder(new URL('./privacy', import.meta.url).pathname, { now: new Date('2026-11-23T00:00:00Z') });
  if (!result.model) throw new Error('nimbus manifest did not compile');
  model = result.model;
});

const expectations: Record<'en' | 'fr', { basis: string[]; retention: string[]; rights: string[]; deadlines: string[]; never: string[] }> =
  {
    en: {
      basis: ['Contract', 'Legitimate interest', 'Consent', 'Legal obligation'],
      retention: [
        '180 days from collection',
        '24 months from collection',
        '91 days from collection',
        '1 year after the reply to the request',
        '10 years',
        'extended by 12 months',
      ],
      rights: [
        'Access',
        'Rectification',
        'Erasure',
        'Portability',
        'Restriction',
        'Objection',
        'Withdrawing consent',
        'Directives after death',
      ],
      deadlines: ['| 1 month | up to 2 months more', '| 30 days | no extension |', '| 30 days | up to 30 days more'],
      never: [
        'Racial or ethnic origin',
        'Political opinions',
        'Health',
        'Genetic data',
        'Trade-union membership',
        'Sex life or sexual orientation',
      ],
    },
    fr: {
      basis: ['Contrat', 'Intérêt légitime', 'Consentement', 'Obligation légale'],
      retention: [
        '180 jours à compter de la collecte',
        '24 mois à compter de la collecte',
        '91 jours',
        '1 an après la réponse à la demande',
        '10 ans',
        'prolongée de 12 mois',
      ],
      rights: [
        "Droit d'accès",
        'Droit de rectification',
        "Droit à l'effacement",
        'Droit à la portabilité',
        'Droit à la limitation',
        "Droit d'opposition",
        'Retrait du consentement',
        'Directives après votre décès',
      ],
      deadlines: ['1 mois', '30 jours', 'aucune prolongation'],
      never: ['Origine raciale ou ethnique', 'Opinions politiques', 'Santé', 'Données génétiques', 'Appartenance syndicale'],
    },
  };

/** Commitments the notice states only because the manifest declares them (forbidden: default, deletion: automatic, …). */
const declared: Record<'en' | 'fr', string[]> = {
  en: [
    'We never collect, store or use the following data',
    'When a period ends, the data is deleted or anonymised automatically, and we keep a record of what was done.',
    'we pass the correction on to the recipients of your data',
    '(see the legal holds above)',
    'we answer complaints within 30 days',
    'Unless you have left other directives, we destroy your data after your death',
    'through the channels above',
    'Next review due',
    'You can change your choices at any time from the cookie banner.',
    'These cookies are set only if you accept them',
    'every access is recorded',
    // Issue 15: the satisfaction surveys' declared anonymity, cited after the retention table.
    'Satisfaction survey answers: anonymised 2 years from collection. Each combination of hosting region, plan and team size is then shared by at least 10 records, and each such group holds at least 2 different values of score.',
  ],
  fr: [
    "Nous ne collectons, ne conservons et n'utilisons jamais les données suivantes",
    'les données sont supprimées ou anonymisées automatiquement',
    'nous transmettons la correction aux destinataires de vos données',
    '(voir les obligations légales de conservation ci-dessus)',
    'nous répondons aux réclamations sous 30 jours',
    'Sauf directives contraires de votre part, nous détruisons vos données après votre décès',
    'par les moyens indiqués ci-dessus',
    'Prochaine révision prévue',
    'depuis le bandeau de gestion des cookies',
    'Ces cookies ne sont déposés que si vous les acceptez',
    'chaque accès est tracé',
    "Réponses aux enquêtes de satisfaction : anonymisation 2 ans à compter de la collecte. Chaque combinaison de « région d'hébergement », « offre » et « taille de l'équipe » est alors partagée par au moins 10 enregistrements, et chaque groupe ainsi formé compte au moins 2 valeurs différentes de « note ».",
  ],
};

describe.each(['en', 'fr'] as const)('nimbus-cloud notice (%s)', (lang) => {
  it('states every commitment its manifest declares', () => {
    const md = renderNotice(model, { lang, format: 'md' })
      .replaceAll('’', "'")
      .replace(/\\([().])/g, '$1')
      .replace(/[\u00a0\u202f]/g, ' ');
    for (const sentence of declared[lang]) expect(md).toContain(sentence);
  });

  it('names every purpose with its legal basis and retention, every recipient, right, deadline and authority', () => {
    // French typography uses ’ and no-break spaces: compare on plain apostrophes and spaces.
    const md = renderNotice(model, { lang, format: 'md' })
      .replaceAll('’', "'")
      .replace(/[\u00a0\u202f]/g, ' ');
    const e = expectations[lang];
    for (const p of model.purposes.values()) expect(md).toContain(localize(p.name, lang));
    for (const b of e.basis) expect(md).toContain(b);
    for (const r of e.retention) expect(md).toContain(r);
    for (const r of model.recipients.values()) expect(md).toContain(localize(r.name, lang));
    for (const r of e.rights) expect(md).toContain(`**${r}`);
    for (const d of e.deadlines) expect(md).toContain(d);
    for (const j of model.jurisdictions) expect(md).toContain(localize(j.authority?.name, lang).split(' (')[0]);
    for (const n of e.never) expect(md).toContain(n);
  });

  it('renders a standalone HTML page in the right language', () => {
    const html = renderNotice(model, { lang, format: 'html' });
    expect(html).toMatch(new RegExp(`^<!doctype html>\\s*<html lang="${lang}"`, 'i'));
    expect(html).toContain(localize([...model.purposes.values()][0]?.name, lang));
  });
});

describe('nimbus-cloud record of processing', () => {
  it('has one CSV row per purpose with the art. 30(1) columns filled', () => {
    const rows = parse(renderRopa(model, { format: 'csv', lang: 'en' }), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(model.purposes.size);
    const columns = Object.keys(rows[0] ?? {});
    expect(columns).toEqual(
      expect.arrayContaining([
        'Controller',
        'Data protection officer',
        'Purpose',
        'Legal basis',
        'Categories of data subjects',
        'Categories of personal data',
        'Categories of recipients',
        'Transfers to third countries and safeguards',
        'Time limits for erasure',
        'Security measures',
      ]),
    );
    for (const p of model.purposes.values()) {
      const row = rows.find((r) => r['Purpose id'] === p.id);
      expect(row?.Purpose).toBe(localize(p.name, 'en'));
      expect(row?.['Legal basis']).toMatch(/contract|consent|legal obligation|legitimate interest/i);
      expect(row?.['Categories of personal data']).not.toBe('');
      expect(row?.Controller).toContain(model.organization.name);
    }
    expect(rows.find((r) => r['Purpose id'] === 'accounting')?.['Time limits for erasure']).toContain('10 years');
  });

  it('names the controller, the DPO and the recipients with their countries in JSON', () => {
    const record = JSON.parse(renderRopa(model, { format: 'json', lang: 'en' })) as Record<string, unknown>;
    const text = JSON.stringify(record);
    expect(text).toContain(model.organization.name);
    expect(text).toContain(model.organization.dpo?.email ?? '');
    for (const r of model.recipients.values()) expect(text).toContain(localize(r.name, 'en'));
  });
});
