// A manifest that gives every text of the new constructs in English and French: the French notice holds none of the
// English texts, and lint asks for no translation; remove one French text and CUS040 points at it.
import { describe, expect, it } from 'vitest';
import { BILINGUAL_PROVIDER, lineOf, lintYaml, noticeTexts } from '../../../test/real-policy.js';

const EVERYTHING = `${BILINGUAL_PROVIDER.replace(
  '    retention: account\n',
  `    retention: account
    recipients: [police, payco]
    ifRefused: { en: We cannot open your account., fr: Nous ne pouvons pas ouvrir votre compte. }
`,
)}recipients:
  police:
    name: { en: Law enforcement authorities, fr: Autorités judiciaires }
    kind: authority
    categories: concerned-by-request
  payco:
    name: { en: PayCo Payments, fr: PayCo Paiements }
    kind: processor
    description: { en: Takes card payments., fr: Encaisse les paiements par carte. }
    categories: [user.financial.invoice]
    collects:
      categories: [user.financial.card]
      description: { en: You type your card on its page., fr: Vous saisissez votre carte sur sa page. }
consent:
  cookiePolicy: https://little.example/cookies
  cookies:
    analytics:
      description: { en: Count the visits., fr: Compter les visites. }
      basis: legitimate-interest
      optOut: { en: untick Statistics in your settings., fr: décochez Statistiques dans vos paramètres. }
      cookies:
        - { name: _stats, provider: { en: Example Analytics, fr: Exemple Analytique }, description: { en: Counts visits., fr: Compte les visites. } }
`;

/** The English values of the manifest's \`{ en: …, fr: … }\` texts. */
const englishTexts = (yaml: string) => [...yaml.matchAll(/\{ en: ([^,]+), fr:/g)].map((m) => m[1]?.trim() ?? '');

describe('every people-facing text per language', () => {
  it('keeps the English texts out of the French notice', () => {
    const english = englishTexts(EVERYTHING);
    expect(english.length).toBeGreaterThan(10);
    for (const text of noticeTexts(EVERYTHING, 'fr')) {
      for (const en of english) expect(text, en).not.toContain(en);
      expect(text).toContain('Autorités judiciaires');
      expect(text).toContain('décochez Statistiques');
    }
  });

  it('needs no translation, until one French text is missing', () => {
    expect(lintYaml(EVERYTHING)).toEqual([]);
    const yaml = EVERYTHING.replace(', fr: Encaisse les paiements par carte. }', ' }');
    expect(lintYaml(yaml)).toEqual([`CUS040 privacy.yaml:${lineOf(yaml, 'Takes card payments.')}`]);
  });
});
