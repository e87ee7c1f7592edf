// Facts real policies omit or add: no controller address, a revision history, the consequence of not providing data;
// each said in English and French when stated, and absent when not.
import { describe, expect, it } from 'vitest';
import { BILINGUAL_PROVIDER, compileYaml, noticeTexts } from '../../../test/real-policy.js';
import { renderRopa } from '../ropa/index.js';

describe('a controller with no address', () => {
  const yaml = BILINGUAL_PROVIDER.replace('  address: 1 rue du Test, Paris\n', '');

  it('is named without a registered office, never an empty one', () => {
    const [md] = noticeTexts(yaml, 'en');
    expect(md).toContain('Little Cloud is responsible for the processing of your personal data');
    expect(md).not.toContain('registered office');
    const [frMd] = noticeTexts(yaml, 'fr');
    expect(frMd).toContain('Little Cloud est responsable du traitement');
    expect(frMd).not.toContain('siège social');
    expect(noticeTexts(BILINGUAL_PROVIDER, 'en')[0]).toContain('(registered office: 1 rue du Test, Paris)');
  });

  it('has a null address in the record of processing', () => {
    const record = JSON.parse(renderRopa(compileYaml(yaml), { format: 'json' })) as { controller: { address: string | null } };
    expect(record.controller.address).toBeNull();
  });
});

describe('a revision history', () => {
  const yaml = BILINGUAL_PROVIDER.replace(
    "  policy: { version: '2', lastReviewed: '2026-10-01' }\n",
    `  policy:
    version: '2'
    lastReviewed: '2026-10-01'
    history:
      - { version: '1', date: 2025-03-01, changes: { en: First version., fr: Première version. } }
      - { version: '2', date: 2026-09-01, changes: { en: Added the support chat., fr: Ajout du chat d'assistance. } }
`,
  );

  it('is a table in the changes section, newest first, in English and French', () => {
    const [md] = noticeTexts(yaml, 'en');
    expect(md).toContain('What changed in each version, newest first:');
    expect(md).toContain('| Version | Date | Changes |');
    expect(md.indexOf('| 2 | 1 September 2026 | Added the support chat. |')).toBeGreaterThan(0);
    expect(md.indexOf('| 2 | 1 September 2026 |')).toBeLessThan(md.indexOf('| 1 | 1 March 2025 | First version. |'));
    const [frMd] = noticeTexts(yaml, 'fr');
    expect(frMd).toContain("| 2 | 1er septembre 2026 | Ajout du chat d'assistance. |");
    expect(frMd).not.toContain('support chat');
  });

  it('is absent when the manifest lists none', () => {
    const [md] = noticeTexts(BILINGUAL_PROVIDER, 'en');
    expect(md).not.toContain('What changed in each version');
    expect(md).not.toContain('| Version | Date |');
  });
});

describe('what happens if the person does not provide the data', () => {
  const yaml = BILINGUAL_PROVIDER.replace(
    '    retention: account\n',
    `    retention: account
    ifRefused: { en: We cannot open your account., fr: Nous ne pouvons pas ouvrir votre compte. }
`,
  );

  it('is a term of the purpose in the notice, in English and French', () => {
    // Markdown bolds the term; HTML puts it in a <dt>, its colon added by the stylesheet.
    const [md, html] = noticeTexts(yaml, 'en');
    expect(md).toContain('**If you do not provide this data:** We cannot open your account.');
    expect(html).toContain('If you do not provide this data We cannot open your account.');
    const [frMd] = noticeTexts(yaml, 'fr');
    expect(frMd).toContain('**Si vous ne fournissez pas ces données :** Nous ne pouvons pas ouvrir votre compte.');
    expect(frMd).not.toContain('open your account');
  });

  it('is in the record of processing, beside the description', () => {
    const model = compileYaml(yaml);
    expect(renderRopa(model, { format: 'csv', lang: 'en' })).toContain('If you do not provide this data: We cannot open your account.');
    const record = JSON.parse(renderRopa(model, { format: 'json', lang: 'fr' })) as {
      processingActivities: { ifRefused: string | null }[];
    };
    expect(record.processingActivities[0]?.ifRefused).toBe('Nous ne pouvons pas ouvrir votre compte.');
  });

  it('is absent when not stated', () => {
    const [md] = noticeTexts(BILINGUAL_PROVIDER, 'en');
    expect(md).not.toContain('If you do not provide');
    const record = JSON.parse(renderRopa(compileYaml(BILINGUAL_PROVIDER), { format: 'json' })) as {
      processingActivities: { ifRefused: string | null }[];
    };
    expect(record.processingActivities[0]?.ifRefused).toBeNull();
  });
});

describe('the law behind a legal hold, per language', () => {
  const yaml = `${BILINGUAL_PROVIDER}legalHolds:
  invoices:
    description: { en: Invoices kept for the tax authorities., fr: Factures conservées pour l'administration fiscale. }
    law: { en: 'French Commercial Code, art. L123-22', fr: 'Code de commerce, art. L123-22' }
    duration: P10Y
    trigger: collected
    categories: [user.financial.invoice]
`;

  it('is cited in the notice and the record in their language, never the other', () => {
    expect(noticeTexts(yaml, 'en')[0]).toContain('French Commercial Code, art. L123-22');
    const [frMd] = noticeTexts(yaml, 'fr');
    expect(frMd).toContain('Code de commerce, art. L123-22');
    expect(frMd).not.toContain('French Commercial Code');
    expect(renderRopa(compileYaml(yaml), { format: 'csv', lang: 'fr' })).toContain('(Code de commerce, art. L123-22)');
  });
});
