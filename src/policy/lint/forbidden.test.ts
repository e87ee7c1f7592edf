// Edits of the forbidden list: an added category is forbidden to hold (CUS020), narrowing below GDPR art. 9(1) is a
// warning naming what was removed (CUS082), an edit that cannot apply is an error (CUS085), each at its line.
import { describe, expect, it } from 'vitest';
import { BILINGUAL_PROVIDER, lineOf, lintYaml } from '../../../test/real-policy.js';

const DATASET = `datasets:
  app:
    store: { kind: sqlite, file: app.db }
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

describe('taxonomy.forbidden: { add }', () => {
  it('makes a field of the added category an error at its line (CUS020)', () => {
    const yaml = `${BILINGUAL_PROVIDER}taxonomy:\n  forbidden: { add: [user.identity.birthdate] }\n${DATASET}          born: { type: date, category: user.identity.birthdate }\n`;
    expect(lintYaml(yaml)).toEqual([`CUS020 privacy.yaml:${lineOf(yaml, 'category: user.identity.birthdate')}`]);
  });

  it('is clean while no field holds it, and names an unknown category (CUS010)', () => {
    expect(lintYaml(`${BILINGUAL_PROVIDER}taxonomy:\n  forbidden: { add: [user.identity.birthdate] }\n${DATASET}`)).toEqual([]);
    const yaml = `${BILINGUAL_PROVIDER}taxonomy:\n  forbidden: { add: [user.identity.birthday] }\n`;
    expect(lintYaml(yaml)).toEqual([`CUS010 privacy.yaml:${lineOf(yaml, 'user.identity.birthday')}`]);
  });
});

describe('taxonomy.forbidden: { remove }', () => {
  const HEALTH = `taxonomy:
  categories:
    user.special.health: { class: high }
  forbidden:
    remove: [user.special.health]
`;

  it('warns that the list is narrowed below art. 9(1), naming the category, and lets a field hold it', () => {
    const yaml =
      `${BILINGUAL_PROVIDER}${HEALTH}${DATASET}          health: { type: string, category: user.special.health, protection: encrypted }\n`.replace(
        'categories: [user.contact.email, user.financial.invoice]',
        'categories: [user.contact.email, user.financial.invoice, user.special.health]',
      );
    const result = lintYaml(yaml);
    expect(result).toEqual([`CUS082 privacy.yaml:${lineOf(yaml, 'remove:')}`]);
  });

  it('refuses a removal with no class to take (CUS085), keeping the category forbidden', () => {
    const yaml = `${BILINGUAL_PROVIDER}${HEALTH.replace('  categories:\n    user.special.health: { class: high }\n', '')}${DATASET}          health: { type: string, category: user.special.health }\n`;
    expect(lintYaml(yaml).sort()).toEqual(
      [
        `CUS082 privacy.yaml:${lineOf(yaml, 'remove:')}`,
        `CUS085 privacy.yaml:${lineOf(yaml, 'remove:')}`,
        `CUS020 privacy.yaml:${lineOf(yaml, 'category: user.special.health')}`,
      ].sort(),
    );
  });

  it('refuses removing the card security code or a category that is not forbidden (CUS085), without a CUS082', () => {
    const yaml = `${BILINGUAL_PROVIDER}taxonomy:\n  forbidden:\n    remove:\n      - user.financial.card-security-code\n      - user.contact.phone\n`;
    expect(lintYaml(yaml)).toEqual([
      `CUS085 privacy.yaml:${lineOf(yaml, 'card-security-code')}`,
      `CUS085 privacy.yaml:${lineOf(yaml, 'user.contact.phone')}`,
    ]);
  });
});

describe('taxonomy.handling.<class>.publish: false', () => {
  it('keeps the class out of CUS061 (the manifest chose not to publish), but not the other classes', () => {
    const info = (yaml: string) => lintYaml(yaml, { withInfo: true }).filter((d) => d.startsWith('CUS061'));
    expect(info(BILINGUAL_PROVIDER)).toHaveLength(1);
    expect(info(`${BILINGUAL_PROVIDER}taxonomy:\n  handling:\n    low: { publish: false }\n`)).toEqual([]);
  });

  it('still enforces the class rules it keeps unpublished (CUS022)', () => {
    const yaml = `${BILINGUAL_PROVIDER}taxonomy:\n  handling:\n    low: { publish: false, storage: [encrypted] }\n${DATASET}`;
    expect(lintYaml(yaml)).toEqual([`CUS022 privacy.yaml:${lineOf(yaml, 'category: user.contact.email')}`]);
  });
});
