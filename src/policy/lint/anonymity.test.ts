// Anonymity thresholds in the manifest: a complete declaration on anonymised rows lints clean; thresholds that protect
// nobody or say nothing (CUS087) and a declaration on rows that are deleted (CUS088) are errors at their line.
import { describe, expect, it } from 'vitest';
import { lintEdited, type Edit } from './edited.test-support.js';

/** valid-minimal's connection logs anonymised, and its logins declaring `anonymity` (the given YAML, at 8 spaces). */
const ANONYMISED: Edit = [
  'processing.yaml',
  '    duration: P12M\n    trigger: collected',
  '    duration: P12M\n    trigger: collected\n    action: anonymise',
];
const logins = (anonymity: string, fields = ''): Edit => [
  'datasets.yaml',
  '      logins:\n        timestamps:\n          collected: at\n        fields:\n',
  `      logins:\n        timestamps:\n          collected: at\n${anonymity}        fields:\n${fields}`,
];
const AGENTS =
  '          agents:\n            type: string\n            label: { en: Browsers, fr: Navigateurs }\n            anonymise: { op: band, edges: [2, 5] }\n          hour:\n            type: integer\n            label: { en: Hour, fr: Heure }\n';
const codes = (edits: readonly Edit[]) => lintEdited(edits).map((d) => d.split(' ')[0]);

describe('anonymity thresholds', () => {
  it('lint a complete declaration on anonymised rows clean', () => {
    expect(codes([ANONYMISED, logins('        anonymity: { quasi: [agents], sensitive: hour, k: 5, l: 2, t: 0.4 }\n', AGENTS)])).toEqual(
      [],
    );
  });

  it('refuse k or l under 2, l or t without a sensitive attribute, and a sensitive attribute without l (CUS087)', () => {
    expect(codes([ANONYMISED, logins('        anonymity: { quasi: [agents], k: 1, l: 3, t: 0.2 }\n', AGENTS)])).toEqual([
      'CUS087',
      'CUS087',
      'CUS087',
    ]);
    expect(codes([ANONYMISED, logins('        anonymity: { quasi: [agents], sensitive: hour, k: 5 }\n', AGENTS)])).toEqual(['CUS087']);
    expect(codes([ANONYMISED, logins('        anonymity: { quasi: [agents], sensitive: hour, k: 5, l: 1, t: 1.5 }\n', AGENTS)])).toEqual([
      'CUS087',
      'CUS087',
    ]);
  });

  it('refuse thresholds and operators on rows that retention deletes (CUS088)', () => {
    expect(codes([logins('        anonymity: { quasi: [agents], k: 5 }\n', AGENTS)])).toEqual(['CUS088', 'CUS088']);
  });

  it('refuse a band with both width and edges, or edges out of order (CUS089)', () => {
    const both = AGENTS.replace('edges: [2, 5]', 'width: 2, edges: [2, 5]');
    const unordered = AGENTS.replace('edges: [2, 5]', 'edges: [5, 2]');
    expect(codes([ANONYMISED, logins('', both)])).toEqual(['CUS089']);
    expect(codes([ANONYMISED, logins('', unordered)])).toEqual(['CUS089']);
  });
});
