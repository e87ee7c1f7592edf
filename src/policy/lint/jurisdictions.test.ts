// Laws in force decide what lint asks for: a legal basis only where a law requires one (CUS030), rights rules on the rights
// granted (CUS071); several bases keep the per-basis rules (CUS031, CUS041, CUS073); jurisdiction settings are checked
// by the schema (CUS002, CUS003, CUS072) at the line of the mistake.
import { describe, expect, it } from 'vitest';
import { lint, lintEdited, lineOf, type Edit } from './edited.test-support.js';

const ORG = 'organization.yaml';
const GDPR = '    gdpr:\n      authority: cnil\n      complaints: P30D\n';
const QUEBEC = '    quebec:\n      authority: cai\n      complaints: P30D\n';
/** The account purpose without its basis. */
const NO_BASIS: Edit = ['processing.yaml', '    legalBasis: contract\n', ''];
const only = (jurisdiction: string): Edit => [ORG, `${GDPR}${QUEBEC}`, jurisdiction];

describe('a legal basis, required only where a law in force requires one (CUS030)', () => {
  it('is required under the GDPR, at the purpose', () => {
    expect(lintEdited([NO_BASIS])).toEqual([`CUS030 processing.yaml:${lineOf('processing.yaml', '', '', '  account:')}`]);
  });

  it('is not required under Quebec law, the FADP, PIPEDA or the CCPA alone', () => {
    expect(lintEdited([NO_BASIS, [ORG, GDPR, '']])).toEqual([]);
    for (const law of ['fadp', 'pipeda', 'ccpa'])
      expect(lintEdited([NO_BASIS, only(`    ${law}: { complaints: P30D }\n`)]), law).toEqual([]);
  });

  it('is required under the LGPD and by a custom jurisdiction that says so', () => {
    expect(lintEdited([NO_BASIS, only('    lgpd: { complaints: P30D }\n')])).toEqual([`CUS030 processing.yaml:15`]);
    const custom = (required: boolean) =>
      `    monaco:\n      custom: true\n      name: Monaco\n      law: Loi n° 1.565\n      deadline: P1M\n      extension: none\n      rights: [access]\n      complaints: P30D\n      requiresLegalBasis: ${required}\n`;
    expect(lintEdited([NO_BASIS, only(custom(true))])).toEqual([`CUS030 processing.yaml:15`]);
    expect(lintEdited([NO_BASIS, only(custom(false))])).toEqual([]);
  });
});

describe('several legal bases per purpose', () => {
  const list = (entries: string): Edit => ['processing.yaml', '    legalBasis: contract\n', `    legalBasis:\n${entries}`];
  const covered = '      - basis: contract\n        covers: { en: during the contract, fr: pendant le contrat }\n';

  it('accepts each basis with what it covers', () => {
    const legal = '      - basis: legal-obligation\n        covers: { en: then the legal periods, fr: puis les délais légaux }\n';
    expect(lintEdited([list(`${covered}${legal}`)])).toEqual([]);
    expect(lintEdited([list('      - basis: contract\n')])).toEqual([]);
  });

  it('keeps the consent and legitimate-interest rules per basis, at the entry (CUS031, CUS041)', () => {
    const consent = list(`${covered}      - basis: consent\n        covers: { en: afterwards, fr: ensuite }\n`);
    expect(lintEdited([consent])).toEqual([`CUS031 processing.yaml:${lineOf(...consent, 'basis: consent')}`]);
    const interest = list(`${covered}      - basis: legitimate-interest\n        covers: { en: afterwards, fr: ensuite }\n`);
    expect(lintEdited([interest])).toEqual([`CUS041 processing.yaml:${lineOf(...interest, 'basis: legitimate-interest')}`]);
  });

  it('warns of a basis that does not say what it covers, and misses a translation of one that does (CUS073, CUS040)', () => {
    const bare = list(`${covered}      - basis: legal-obligation\n`);
    expect(lintEdited([bare])).toEqual([`CUS073 processing.yaml:${lineOf(...bare, 'basis: legal-obligation')}`]);
    const english = list(`${covered}      - basis: legal-obligation\n        covers: { en: then the legal periods }\n`);
    expect(lintEdited([english])).toEqual([`CUS040 processing.yaml:${lineOf(...english, 'covers: { en: then the legal')}`]);
  });

  it('refuses an unknown basis in a list at its line, with a suggestion', () => {
    const typo = list('      - basis: contrat\n');
    expect(lintEdited([typo])).toEqual([`CUS002 processing.yaml:${lineOf(...typo, 'basis: contrat')}`]);
  });
});

describe('jurisdiction settings', () => {
  it('refuses an unknown right in an override at its line, and post-mortem, which follows rights.postMortem', () => {
    const typo = [ORG, '      authority: cai\n', '      authority: cai\n      rights: [access, acess]\n'] as const;
    expect(lint(...typo)).toEqual([`CUS002 ${ORG}:${lineOf(...typo, 'rights: [access, acess]')}`]);
    const pm = [ORG, '      authority: cai\n', '      authority: cai\n      rights: [access, post-mortem]\n'] as const;
    expect(lint(...pm)).toEqual([`CUS002 ${ORG}:${lineOf(...pm, 'post-mortem]')}`]);
  });

  it("refuses a preset's name or need for a legal basis, which are the law's (CUS072)", () => {
    const renamed = [ORG, '      authority: cnil\n', '      authority: cnil\n      requiresLegalBasis: false\n'] as const;
    expect(lint(...renamed)).toEqual([`CUS072 ${ORG}:${lineOf(...renamed, 'requiresLegalBasis')}`]);
  });

  it('accepts a complete custom jurisdiction, and asks for its name in every language (CUS040)', () => {
    const monaco = (name: string) =>
      `    monaco:\n      custom: true\n      name: ${name}\n      law: { en: Law 1.565, fr: Loi n° 1.565 }\n      deadline: P1M\n      extension: P1M\n      rights: [access, objection]\n      complaints: P30D\n      requiresLegalBasis: true\n`;
    expect(lint(ORG, QUEBEC, `${QUEBEC}${monaco('Monaco')}`)).toEqual([]);
    const english = [ORG, QUEBEC, `${QUEBEC}${monaco('{ en: Monaco }')}`] as const;
    expect(lint(...english)).toEqual([`CUS040 ${ORG}:${lineOf(...english, 'name: { en: Monaco }')}`]);
  });

  it('reads granted rights: restriction without a mark is reported under the GDPR only (CUS071)', () => {
    const unmarked: Edit = ['datasets.yaml', '        restriction: { field: restricted }\n', ''];
    expect(lintEdited([unmarked]).map((d) => d.split(' ')[0])).toEqual(['CUS071']);
    expect(lintEdited([unmarked, [ORG, GDPR, '']])).toEqual([]);
    expect(
      lintEdited([
        unmarked,
        [ORG, GDPR, ''],
        [ORG, '      complaints: P30D\n', '      complaints: P30D\n      rights: [access, restriction]\n'],
      ]).map((d) => d.split(' ')[0]),
    ).toEqual(['CUS071']);
  });
});
