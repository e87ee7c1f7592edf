// Lint of what recipients are declared to receive or collect: an authority receiving what its request concerns (no false
// CUS034/CUS065/CUS066), data a processor collects itself and we never hold (CUS084), and a name in every language (CUS040).
import { describe, expect, it } from 'vitest';
import { BILINGUAL_PROVIDER, lineOf, lintYaml } from '../../../test/real-policy.js';

const AUTHORITY = `recipients:
  police:
    name: { en: Law enforcement, fr: Autorités judiciaires }
    kind: authority
    categories: concerned-by-request
`;

describe('a recipient receiving the information its request concerns', () => {
  it('is clean when a purpose names it, by id or with the categories it receives', () => {
    const yaml = `${BILINGUAL_PROVIDER}${AUTHORITY}`.replace(
      '    retention: account\n',
      '    retention: account\n    recipients: [police]\n',
    );
    expect(lintYaml(yaml)).toEqual([]);
    const explicit = `${BILINGUAL_PROVIDER}${AUTHORITY}`.replace(
      '    retention: account\n',
      '    retention: account\n    recipients: [{ id: police, categories: [user.contact.email] }]\n',
    );
    expect(lintYaml(explicit)).toEqual([]);
  });

  it('still refuses a category its purpose does not process (CUS034), and a misspelt keyword', () => {
    const yaml = `${BILINGUAL_PROVIDER}${AUTHORITY}`.replace(
      '    retention: account\n',
      '    retention: account\n    recipients: [{ id: police, categories: [user.contact.phone] }]\n',
    );
    expect(lintYaml(yaml)).toEqual([`CUS034 privacy.yaml:${lineOf(yaml, 'id: police')}`]);
    const typo = `${BILINGUAL_PROVIDER}${AUTHORITY.replace('concerned-by-request', 'concerned-by-requests')}`;
    expect(lintYaml(typo)).toEqual([`CUS002 privacy.yaml:${lineOf(typo, 'concerned-by-requests')}`]);
  });
});

const PAYMENTS = `recipients:
  payco:
    name: { en: PayCo, fr: PayCo }
    kind: processor
    categories: [user.financial.invoice]
    collects: { categories: [user.financial.card, user.financial.card-security-code] }
`;
// The purpose takes card payments, through the processor's own form.
const WITH_PAYMENTS = `${BILINGUAL_PROVIDER}${PAYMENTS}`
  .replace('    retention: account\n', '    retention: account\n    recipients: [payco]\n')
  .replace(
    'categories: [user.contact.email, user.financial.invoice]',
    'categories: [user.contact.email, user.financial.invoice, user.financial.card]',
  );
const DATASET = `datasets:
  billing:
    store: { kind: sqlite, file: billing.db }
    collections:
      customers:
        identity: { email: email }
        timestamps: { contract-end: closed_at }
        restriction: { field: restricted }
        fields:
          id: { type: integer }
          closed_at: { type: datetime }
          restricted: { type: boolean }
          email: { type: email, category: user.contact.email }
`;

describe('CUS084: data a recipient collects directly, which we never hold', () => {
  it('accepts the card and its security code collected by the processor and held nowhere', () => {
    expect(lintYaml(WITH_PAYMENTS + DATASET)).toEqual([]);
  });

  it('is an error at the field that holds one of them', () => {
    const yaml = `${WITH_PAYMENTS}${DATASET}          card: { type: string, category: user.financial.card, card: bin-last4 }\n`;
    expect(lintYaml(yaml)).toEqual([`CUS084 privacy.yaml:${lineOf(yaml, 'category: user.financial.card,')}`]);
  });

  it('names an unknown collected category (CUS010)', () => {
    const yaml = WITH_PAYMENTS.replace('user.financial.card,', 'user.financial.cards,');
    expect(lintYaml(yaml)).toEqual([`CUS010 privacy.yaml:${lineOf(yaml, 'user.financial.cards')}`]);
  });
});

describe('CUS040 on every people-facing text', () => {
  it('warns at an English-only recipient name in an en+fr manifest, and not once it has French', () => {
    const yaml = WITH_PAYMENTS.replace('name: { en: PayCo, fr: PayCo }', 'name: { en: PayCo Ltd }');
    expect(lintYaml(yaml)).toEqual([`CUS040 privacy.yaml:${lineOf(yaml, 'PayCo Ltd')}`]);
    expect(lintYaml(WITH_PAYMENTS)).toEqual([]);
  });

  it('warns at each text missing a language: rights fees, an exclusion, a cookie description, a collected-data note', () => {
    const yaml = `${WITH_PAYMENTS.replace(
      'categories: [user.financial.card, user.financial.card-security-code] }',
      'categories: [user.financial.card], description: { en: On its own form. } }',
    )
      .replace('  channels: { email: privacy@little.example }\n', '  channels: { email: privacy@little.example }\n  fees: { en: Free. }\n')
      .replace(
        '  hosting: [{ name: Paris, country: FR, primary: true }]\n',
        '  hosting: [{ name: Paris, country: FR, primary: true }]\n  exclusions: [{ en: No group company in the US. }]\n',
      )}consent:\n  cookies:\n    strictly-necessary:\n      description: Sign-in.\n      cookies: [{ name: s, description: { en: Session. } }]\n`;
    expect(lintYaml(yaml).sort()).toEqual(
      [
        `CUS040 privacy.yaml:${lineOf(yaml, 'Free.')}`,
        `CUS040 privacy.yaml:${lineOf(yaml, 'No group company')}`,
        `CUS040 privacy.yaml:${lineOf(yaml, 'Session.')}`,
        `CUS040 privacy.yaml:${lineOf(yaml, 'On its own form.')}`,
      ].sort(),
    );
  });
});
