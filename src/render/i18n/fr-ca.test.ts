// A manifest declaring `fr-CA` gets a Quebec French notice: renseignements personnels, témoins, its privacy officer.
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../policy/index.js';
import { FIXTURE_FILES, FIXTURE_NOW, fixtureModel } from '../fixtures.js';
import { renderNotice, renderRopa } from '../index.js';

const quebec = (text: string) => text.replace('languages: [en, fr]', 'languages: [fr-CA, en]');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('fr-CA notice', () => {
  const model = fixtureModel(quebec);
  const ca = plain(String(renderNotice(model, { lang: 'fr-CA', format: 'md' })));
  const fr = plain(String(renderNotice(fixtureModel(), { lang: 'fr', format: 'md' })));

  it('says "renseignements personnels", names the privacy officer and calls cookies "témoins"', () => {
    expect(ca).toContain('quels renseignements personnels Stratus Cloud traite');
    expect(ca).toContain('est responsable de vos renseignements personnels.');
    expect(ca).toContain('## Responsable de la protection des renseignements personnels');
    expect(ca).toContain('Témoins strictement nécessaires');
    expect(ca).toContain('Nos sites utilisent les témoins ci-dessous');
    // The manifest's own texts are the provider's words; Custos's sentences use no France-French term.
    expect(ca).not.toMatch(/quelles données personnelles|responsable du traitement de vos données|Délégué à la protection/);
    expect(ca).not.toMatch(/^## Cookies$|Cookies strictement|utilisent les cookies/m);
  });

  it('is the manifest’s first language, reads its French texts, and leaves the fr notice as it was', () => {
    expect(plain(String(renderNotice(model, { format: 'md' })))).toBe(ca);
    expect(ca).toContain('Mesurer l’audience de notre site, sans publicité.');
    expect(ca).toContain('| Pièce d’identité | Supprimée dès le traitement de la demande. |');
    expect(fr).toContain('quelles données personnelles Stratus Cloud traite');
    expect(fr).toContain('Cookies strictement nécessaires');
  });

  it('names the record of processing’s columns in Quebec terms', () => {
    const ropa = String(renderRopa(model, { lang: 'fr-CA', format: 'csv' }));
    expect(ropa).toContain('Catégories de renseignements personnels');
    expect(ropa).toContain('Responsable de la protection des renseignements personnels');
  });

  it('asks for no fr-CA translation where the manifest gives French (no CUS040)', () => {
    const result = compilePolicy(
      FIXTURE_FILES.map((f) => ({ path: f.path, text: quebec(f.text) })),
      { now: FIXTURE_NOW, baseDir: '/nonexistent' },
    );
    expect(result.diagnostics.filter((d) => d.code === 'CUS040')).toEqual([]);
  });
});
