// French retention phrases agree with the data they are said of: "Pièce d'identité : supprimée", "Journaux : conservés".
import { describe, expect, it } from 'vitest';
import { compilePolicyFolder, DEFAULT_CATEGORIES } from '../../policy/index.js';
import { renderNotice } from '../index.js';
import { labelAgreement, labelsAgreement } from './agreement.js';

describe('agreement of French labels', () => {
  it('knows the gender and number of every built-in French category label', () => {
    const unknown = Object.values(DEFAULT_CATEGORIES)
      .map((c) => c.fr)
      .filter((label) => labelAgreement(label) === undefined);
    expect(unknown).toEqual([]);
  });

  it('makes a list masculine as soon as one noun is, and plural when it holds several', () => {
    expect(labelAgreement("Pièce d'identité")).toEqual({ feminine: true, plural: false });
    expect(labelAgreement('Entreprise et fonction')).toEqual({ feminine: true, plural: true });
    expect(labelAgreement('Candidature (CV, lettre)')).toEqual({ feminine: true, plural: false });
    expect(labelsAgreement(["Pièce d'identité", 'Justificatif de domicile'])).toEqual({ feminine: false, plural: true });
    expect(labelsAgreement(['Factures', 'Données de connexion'])).toEqual({ feminine: true, plural: true });
    expect(labelsAgreement(['Factures', 'Truc inconnu'])).toBeUndefined();
  });
});

describe("nimbus-cloud's French notice", () => {
  const folder = new URL('../../../examples/nimbus-cloud/privacy', import.meta.url).pathname;
  const result = compilePolicyFolder(folder, { now: new Date('2026-11-23T00:00:00Z') });
  if (!result.model) throw new Error('nimbus manifest did not compile');
  // No-break spaces (before colons, between a number and its unit) read as plain spaces here.
  const fr = String(renderNotice(result.model, { lang: 'fr', format: 'md' })).replace(/[\u00a0\u202f]/g, ' ');
  const en = String(renderNotice(result.model, { lang: 'en', format: 'md' }));

  it('agrees the retention phrase with a feminine singular category', () => {
    expect(fr).toContain('| Pièce d’identité | Supprimée dès le traitement de la demande. ');
    expect(fr).toContain('Pièce d’identité : supprimée dès le traitement de la demande.');
    expect(fr).not.toContain('Pièce d’identité : supprimées');
  });

  it('agrees it with masculine plural categories, and with a feminine plural one', () => {
    expect(fr).toContain('| Journaux d’événements | Conservés 6 mois à compter de la collecte, puis supprimés. ');
    expect(fr).toContain('Pièce d’identité et justificatif de domicile : non conservés durablement ;');
    expect(fr).toContain('Coordonnées bancaires (IBAN) : conservées 13 mois');
  });

  it('keeps "données" agreement where the row covers all the data of a purpose, and leaves English alone', () => {
    expect(fr).toContain('| Toutes les données de cette finalité | Conservées 1 an après la fin du contrat, puis supprimées. ');
    expect(en).toContain('Identity document: deleted as soon as the request is processed.');
  });
});
