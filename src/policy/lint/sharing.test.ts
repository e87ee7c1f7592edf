// Near misses of the rules added for what lint used to miss (CUS065–CUS071): the valid-minimal manifest, edited once,
// either stays clean or gets the one diagnostic, at the line of the edit; the class flags the provider sets are read.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../index.js';

const VALID = fileURLToPath(new URL('../../../test/fixtures/manifests/valid-minimal/', import.meta.url));
const FILES = readdirSync(VALID).filter((n) => n.endsWith('.yaml'));

type Edit = readonly [file: string, old: string, replacement: string];

/** valid-minimal with each edit made (and `extra` added as a file of its own), as `CODE file:line`. */
function lintEdited(edits: readonly Edit[], extra?: string): string[] {
  const files = FILES.map((name) => {
    let text = readFileSync(join(VALID, name), 'utf8');
    for (const [file, old, replacement] of edits) {
      if (file !== name) continue;
      if (!text.includes(old)) throw new Error(`${name} does not hold ${old}`);
      text = text.replace(old, replacement);
    }
    return { path: name, text };
  });
  // valid-minimal's taxonomy (the notice's opt-ins, at the end of organization.yaml) moves to the end of the extra
  // file, so there is one taxonomy section and no line of either file that a test names shifts.
  if (extra !== undefined) {
    const org = files.find((f) => f.path === 'organization.yaml');
    const optIns = '  forbidden: default\n  handlingTexts: default\n';
    if (org) org.text = org.text.replace(`taxonomy:\n${optIns}`, '');
    files.push({ path: 'taxonomy.yaml', text: `${extra}${optIns}` });
  }
  const result = compilePolicy(files, { now: new Date('2026-11-23T00:00:00Z'), baseDir: VALID });
  return result.diagnostics.map((d) => `${d.code} ${d.location?.file}:${d.location?.line}`);
}

const lint = (file: string, old: string, replacement: string, extra?: string) => lintEdited([[file, old, replacement]], extra);

/** The 1-based line of `needle` in `file` once edited. */
function lineOf(file: string, old: string, replacement: string, needle: string): number {
  const text = readFileSync(join(VALID, file), 'utf8').replace(old, replacement);
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('purposes and recipients of data never processed or never shared (CUS065, CUS066)', () => {
  const HEALTH = ['processing.yaml', '      - user.auth.password\n', '      - user.auth.password\n      - user.special.health\n'] as const;

  it('accepts a forbidden category the provider re-classed, and a card token shared with the processor (special, shareable)', () => {
    expect(lint(...HEALTH, 'taxonomy:\n  categories:\n    user.special.health: { class: medium, label: Health plan option }\n')).toEqual(
      [],
    );
  });

  it('refuses the same category left forbidden, at its line', () => {
    expect(lint(...HEALTH)).toEqual([`CUS065 processing.yaml:${lineOf(...HEALTH, 'user.special.health')}`]);
  });

  const TOKEN = [
    'processing.yaml',
    '    categories: [user.contact.email]\n    countries',
    '    categories: [user.contact.email, user.auth.api-token]\n    countries',
  ] as const;

  it('reads shareable from the manifest: a high class declared shareable may be sent, a low one declared not may not', () => {
    const at = lineOf(...TOKEN, 'user.auth.api-token');
    expect(lint(...TOKEN)).toEqual([`CUS066 processing.yaml:${at}`]);
    expect(lint(...TOKEN, 'taxonomy:\n  handling:\n    high: { shareable: true }\n')).toEqual([]);
    const low = lint('processing.yaml', 'x', 'x', 'taxonomy:\n  handling:\n    low: { shareable: false }\n');
    expect(low).toEqual([`CUS066 processing.yaml:${lineOf('processing.yaml', 'x', 'x', 'categories: [user.contact.email]')}`]);
  });
});

describe('log collections and minimisation (CUS067, CUS068)', () => {
  const LOG: Edit = [
    'datasets.yaml',
    '            minimise: truncate-ip\n',
    '            minimise: truncate-ip\n          event: { type: string, category: system.log.connection }\n',
  ];
  const PURPOSE: Edit = ['processing.yaml', '[system.network.ip]', '[system.network.ip, system.log.connection]'];

  it('accepts a connection log holding IP addresses (medium, loggable), and refuses them once medium is declared not loggable', () => {
    expect(lintEdited([LOG, PURPOSE])).toEqual([]);
    expect(lintEdited([LOG, PURPOSE], 'taxonomy:\n  handling:\n    medium: { loggable: false }\n')).toEqual([
      `CUS067 datasets.yaml:${lineOf(...LOG, 'category: system.network.ip')}`,
      `CUS067 datasets.yaml:${lineOf(...LOG, 'category: system.log.connection')}`,
    ]);
  });

  it('accepts truncate-ip on a text field, refuses it on a boolean', () => {
    const edit = (type: string) => lint('datasets.yaml', '            type: ip\n', `            type: ${type}\n`);
    expect(edit('string')).toEqual([]);
    expect(edit('boolean')).toEqual([`CUS068 datasets.yaml:${lineOf('datasets.yaml', 'x', 'x', 'minimise: truncate-ip')}`]);
  });
});

describe('rights that can be exercised (CUS069, CUS070, CUS071)', () => {
  it('accepts a web form as the only channel; with a rights section but no channel, points at it', () => {
    const channels = '  channels:\n    email: privacy@nimbus.example\n';
    expect(lint('organization.yaml', channels, '  channels:\n    web: https://nimbus.example/privacy\n')).toEqual([]);
    const none = ['organization.yaml', channels, '  fees: { en: Free., fr: Gratuit. }\n'] as const;
    expect(lint(...none)).toEqual([`CUS069 organization.yaml:${lineOf(...none, 'rights:')}`]);
  });

  it('accepts a recipient named only by id under a purpose, warns on one no purpose names', () => {
    const unused = ['billing.yaml', '    recipients: [payment-processor]\n', ''] as const;
    expect(lint(...unused)).toEqual([`CUS070 billing.yaml:${lineOf(...unused, 'payment-processor:')}`]);
  });

  it('warns that restriction has no mark at the datasets section, and not for a notice-only manifest', () => {
    const unmarked = ['datasets.yaml', '        restriction: { field: restricted }\n', ''] as const;
    expect(lint(...unmarked)).toEqual([`CUS071 datasets.yaml:${lineOf(...unmarked, 'datasets:')}`]);
    const noticeOnly = FILES.filter((n) => n !== 'datasets.yaml').map((n) => ({ path: n, text: readFileSync(join(VALID, n), 'utf8') }));
    const notice = compilePolicy(noticeOnly, { now: new Date('2026-11-23T00:00:00Z') });
    expect(notice.model?.datasets.size).toBe(0);
    expect(notice.diagnostics.map((d) => d.code)).not.toContain('CUS071');
  });
});
