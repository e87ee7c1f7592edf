// Lint of facts real policies omit or add: the controller's address under the GDPR (CUS083, info), and the texts of a
// revision history and of a purpose's consequence of refusal in every declared language (CUS040).
import { describe, expect, it } from 'vitest';
import { BILINGUAL_PROVIDER, lineOf, lintYaml } from '../../../test/real-policy.js';

const NO_ADDRESS = BILINGUAL_PROVIDER.replace('  address: 1 rue du Test, Paris\n', '');
const cus083 = (yaml: string) => lintYaml(yaml, { withInfo: true }).filter((d) => d.startsWith('CUS083'));

describe('CUS083: no controller address under the GDPR', () => {
  it('is an info at organization when neither the organization nor its contact gives one', () => {
    expect(cus083(NO_ADDRESS)).toEqual([`CUS083 privacy.yaml:${lineOf(NO_ADDRESS, 'organization:')}`]);
    // An info never counts as a problem.
    expect(lintYaml(NO_ADDRESS)).toEqual([]);
  });

  it('is not reported with an address, a contact address, or outside the GDPR and the UK GDPR', () => {
    expect(cus083(BILINGUAL_PROVIDER)).toEqual([]);
    expect(
      cus083(
        NO_ADDRESS.replace(
          'contact: { email: privacy@little.example }',
          'contact: { email: privacy@little.example, address: 2 rue du Test }',
        ),
      ),
    ).toEqual([]);
    expect(cus083(NO_ADDRESS.replace('jurisdictions: [gdpr]', 'jurisdictions: [pipeda]'))).toEqual([]);
    expect(cus083(NO_ADDRESS.replace('jurisdictions: [gdpr]', 'jurisdictions: [uk-gdpr]'))).toHaveLength(1);
  });
});

describe('CUS040 on the history and the consequence of refusal', () => {
  it('warns at the English-only text of each, at its own line', () => {
    const yaml = BILINGUAL_PROVIDER.replace(
      "  policy: { version: '2', lastReviewed: '2026-10-01' }\n",
      `  policy:
    version: '2'
    lastReviewed: '2026-10-01'
    history:
      - { version: '2', date: 2026-09-01, changes: { en: Added the chat., fr: Ajout du chat. } }
      - { version: '1', date: 2025-03-01, changes: { en: First version. } }
`,
    ).replace('    retention: account\n', '    retention: account\n    ifRefused: { en: No account. }\n');
    expect(lintYaml(yaml).sort()).toEqual(
      [`CUS040 privacy.yaml:${lineOf(yaml, 'First version.')}`, `CUS040 privacy.yaml:${lineOf(yaml, 'No account.')}`].sort(),
    );
  });
});

describe('CUS040 on the law behind a legal hold', () => {
  it('warns at an English-only law, and not at a plain string (the same in every language)', () => {
    const hold = (law: string) => `${BILINGUAL_PROVIDER}legalHolds:
  invoices:
    description: { en: Invoices., fr: Factures. }
    law: ${law}
    duration: P10Y
    trigger: collected
    categories: [user.financial.invoice]
`;
    const yaml = hold('{ en: French Commercial Code }');
    expect(lintYaml(yaml)).toEqual([`CUS040 privacy.yaml:${lineOf(yaml, 'law:')}`]);
    expect(lintYaml(hold('Code de commerce, art. L123-22'))).toEqual([]);
  });
});
