// Near misses of the rules added for what lint used to miss (CUS065–CUS071): the valid-minimal manifest, edited once,
// either stays clean or gets the one diagnostic, at the line of the edit; the class flags the provider sets are read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../index.js';
import { FILES, lint, lintEdited, lineOf, VALID, type Edit } from './edited.test-support.js';

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
