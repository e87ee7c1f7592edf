// Classification as the manifest states it: handling texts kept unpublished, and a forbidden list extended or narrowed,
// in the notice (en, fr) and the record of processing.
import { describe, expect, it } from 'vitest';
import { BILINGUAL_PROVIDER, compileYaml, noticeTexts } from '../../../test/real-policy.js';
import { renderRopa } from '../ropa/index.js';

const LOW_STORE = { en: 'Stored in our hosting regions.', fr: "Conservées dans nos régions d'hébergement." };

describe('the forbidden list', () => {
  it('prints the built-in list with forbidden: default', () => {
    const [md] = noticeTexts(`${BILINGUAL_PROVIDER}taxonomy:\n  forbidden: default\n`, 'en');
    expect(md).toContain('We never collect, store or use the following data');
    expect(md).toContain('Health');
    expect(md).not.toContain('Date of birth');
  });

  it('prints an added category with the built-in ones', () => {
    const yaml = `${BILINGUAL_PROVIDER}taxonomy:\n  forbidden: { add: [user.identity.birthdate] }\n`;
    const [md] = noticeTexts(yaml, 'en');
    expect(md).toContain('- Date of birth');
    expect(md).toContain('- Genetic data');
    expect(noticeTexts(yaml, 'fr')[0]).toContain('- Date de naissance');
  });

  it('prints only the narrowed list, never silently the categories removed from it', () => {
    const yaml = `${BILINGUAL_PROVIDER}taxonomy:
  categories:
    user.special.health: { class: high, label: { en: Health plan data, fr: Données de mutuelle } }
  forbidden: { remove: [user.special.health] }
`;
    const [md, html] = noticeTexts(yaml, 'en');
    for (const text of [md, html]) {
      const never = text.slice(text.indexOf('What we never collect'));
      expect(never).toContain('Genetic data');
      expect(never).not.toContain('Health');
    }
    const [frMd] = noticeTexts(yaml, 'fr');
    const jamais = frMd.slice(frMd.indexOf('Ce que nous ne collectons jamais'));
    expect(jamais).toContain('Données génétiques');
    expect(jamais).not.toContain('Santé');
  });
});

describe('handling texts kept unpublished', () => {
  const STATED = `taxonomy:
  handlingTexts: default
  handling:
    low:
      use: { en: Used by the account team only., fr: Utilisées par l'équipe des comptes uniquement. }
`;

  it('are printed when stated, and not once the class says publish: false', () => {
    expect(noticeTexts(BILINGUAL_PROVIDER + STATED, 'en')[0]).toContain('Used by the account team only.');
    expect(noticeTexts(BILINGUAL_PROVIDER + STATED, 'en')[0]).toContain(LOW_STORE.en);
    const hidden = `${BILINGUAL_PROVIDER}${STATED}      publish: false\n`;
    for (const lang of ['en', 'fr'] as const) {
      for (const text of noticeTexts(hidden, lang)) {
        expect(text).not.toContain('account team');
        expect(text).not.toContain("l'équipe des comptes");
        expect(text).not.toContain(LOW_STORE[lang]);
      }
    }
  });

  it('are stated in the record of processing only where published', () => {
    const csv = (yaml: string) => renderRopa(compileYaml(yaml), { format: 'csv', lang: 'en' });
    expect(csv(`${BILINGUAL_PROVIDER}taxonomy:\n  handlingTexts: default\n`)).toContain(`Standard data: ${LOW_STORE.en}`);
    expect(csv(BILINGUAL_PROVIDER)).not.toContain(LOW_STORE.en);
    expect(csv(`${BILINGUAL_PROVIDER}${STATED}      publish: false\n`)).not.toContain(LOW_STORE.en);
    const fr = renderRopa(compileYaml(`${BILINGUAL_PROVIDER}taxonomy:\n  handlingTexts: default\n`), { format: 'csv', lang: 'fr' });
    expect(fr).toContain(LOW_STORE.fr);
  });
});
