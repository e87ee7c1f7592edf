// Near misses of the places and retention-shape rules (CUS076–CUS079): valid-minimal, edited once, either stays clean or
// gets the one diagnostic at the line of the edit.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../index.js';

const VALID = fileURLToPath(new URL('../../../test/fixtures/manifests/valid-minimal/', import.meta.url));
const FILES = readdirSync(VALID).filter((n) => n.endsWith('.yaml'));

/** valid-minimal with `file` edited (each `[old, replacement]` in turn), as `CODE file:line`. */
function lintEdits(file: string, edits: readonly (readonly [string, string])[]): string[] {
  const files = FILES.map((name) => {
    let text = readFileSync(join(VALID, name), 'utf8');
    if (name !== file) return { path: name, text };
    for (const [old, replacement] of edits) {
      if (!text.includes(old)) throw new Error(`${name} does not hold ${old}`);
      text = text.replace(old, replacement);
    }
    return { path: name, text };
  });
  const result = compilePolicy(files, { now: new Date('2026-11-23T00:00:00Z'), baseDir: VALID });
  return result.diagnostics.map((d) => `${d.code} ${d.location?.file}:${d.location?.line}`);
}

const lint = (file: string, old: string, replacement: string) => lintEdits(file, [[old, replacement]]);

/** The 1-based line of `needle` in `file` once edited. */
function lineOf(file: string, old: string, replacement: string, needle: string): number {
  const text = readFileSync(join(VALID, file), 'utf8').replace(old, replacement);
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

const LOGS_RULE = '    duration: P12M\n    trigger: collected';
const HOSTING = '      country: FR\n      primary: true';

describe('places (CUS076)', () => {
  it('accepts a region, a place in words, or no place at all for hosting', () => {
    expect(lint('organization.yaml', HOSTING, '      region: eu\n      primary: true')).toEqual([]);
    expect(lint('organization.yaml', HOSTING, '      place: { en: your region, fr: votre région }\n      primary: true')).toEqual([]);
    expect(lint('organization.yaml', HOSTING, '      primary: true')).toEqual([]);
  });

  it('refuses a hosting place stated two ways, at the second', () => {
    const edit = ['organization.yaml', HOSTING, '      country: FR\n      place: Paris\n      primary: true'] as const;
    expect(lint(...edit)).toEqual([`CUS076 organization.yaml:${lineOf(...edit, 'place: Paris')}`]);
  });

  it('accepts a transfer to a region with a described safeguard, and refuses one with two destinations', () => {
    const transfer = (where: string) =>
      [
        'organization.yaml',
        HOSTING,
        `${HOSTING}\n  transfers:\n    - ${where}\n      description: Support.\n      safeguard: { description: { en: measures under the law, fr: mesures prévues par la loi } }`,
      ] as const;
    expect(lint(...transfer('region: eea'))).toEqual([]);
    const twice = transfer('{ to: CA, region: eea }');
    expect(
      lint(
        twice[0],
        twice[1],
        twice[2].replace('- { to: CA, region: eea }\n      description', '- to: CA\n      region: eea\n      description'),
      ),
    ).toEqual([
      `CUS076 organization.yaml:${lineOf(twice[0], twice[1], twice[2].replace('- { to: CA, region: eea }\n      description', '- to: CA\n      region: eea\n      description'), 'region: eea')}`,
    ]);
  });
});

describe('retention shapes (CUS077, CUS078)', () => {
  it('accepts an upper bound in place of a duration', () => {
    expect(lint('processing.yaml', LOGS_RULE, '    atMost: P12M\n    trigger: collected')).toEqual([]);
  });

  it('refuses a kept period without a trigger, at the rule', () => {
    const edit = ['processing.yaml', LOGS_RULE, '    atMost: P12M'] as const;
    expect(lint(...edit)).toEqual([`CUS077 processing.yaml:${lineOf(...edit, 'connection-logs:')}`]);
  });

  it('refuses transient data passed under a legal hold, at then:', () => {
    const edit = ['processing.yaml', LOGS_RULE, '    transient: true\n    then: tax-records'] as const;
    expect(lint(...edit)).toEqual([`CUS077 processing.yaml:${lineOf(...edit, 'then: tax-records')}`]);
  });

  it('warns of a stored field whose category only a transient rule governs, and not once another rule keeps it', () => {
    const transient = [
      LOGS_RULE,
      `${LOGS_RULE}\n  ip-checks:\n    transient: true\n    categories: [system.network.ip]\n    purposes: [security]`,
    ] as const;
    const ipField = lineOf('datasets.yaml', '', '', 'category: system.network.ip') - 2; // the `ip:` key
    expect(lintEdits('processing.yaml', [transient])).toEqual([`CUS078 datasets.yaml:${ipField}`]);
    // A rule named by no purpose keeps IPs under every purpose: the field is expected to hold them.
    const alsoKept = [
      '  ip-checks:',
      '  ip-kept:\n    duration: P12M\n    trigger: collected\n    categories: [system.network.ip]\n  ip-checks:',
    ] as const;
    expect(lintEdits('processing.yaml', [transient, alsoKept])).toEqual([]);
  });

  it('warns of a rule scoped to a purpose that processes none of its categories, at that purpose', () => {
    const edit = [
      'processing.yaml',
      LOGS_RULE,
      `${LOGS_RULE}\n  ip-checks:\n    transient: true\n    categories: [system.network.ip]\n    purposes: [security, newsletter]`,
    ] as const;
    const ipField = lineOf('datasets.yaml', '', '', 'category: system.network.ip') - 2;
    expect(lint(...edit).sort()).toEqual([
      `CUS078 datasets.yaml:${ipField}`,
      `CUS079 processing.yaml:${lineOf(...edit, 'purposes: [security, newsletter]')}`,
    ]);
  });
});
