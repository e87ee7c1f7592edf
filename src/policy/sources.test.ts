// Loading a manifest folder: files merge into one document, and every problem keeps the file and line it came from.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPath, loadSources, readManifestFolder, type ManifestFile } from './sources.js';

const file = (path: string, ...lines: string[]): ManifestFile => ({ path, text: `${lines.join('\n')}\n` });

const accountPurposes = file(
  'privacy/account.yaml',
  '# Account purposes.',
  'purposes:',
  '  account:',
  '    name: Account',
  'subjects:',
  '  customer:',
  '    name: Customers',
);
const billingPurposes = file(
  'privacy/billing.yaml',
  'purposes:',
  '  billing:',
  '    name: Billing',
  'retention:',
  '  billing-records:',
  '    duration: P10Y',
);

describe('loadSources: merging files', () => {
  it('merges the entries of a section split across files', () => {
    const { data, diagnostics } = loadSources([accountPurposes, billingPurposes]);
    expect(diagnostics).toEqual([]);
    expect(Object.keys(data.purposes as object)).toEqual(['account', 'billing']);
    expect(data.subjects).toEqual({ customer: { name: 'Customers' } });
    expect(data.retention).toEqual({ 'billing-records': { duration: 'P10Y' } });
  });

  it('remembers in which file and line each merged entry was written', () => {
    const { sourceMap } = loadSources([accountPurposes, billingPurposes]);
    expect(sourceMap.locate(['purposes', 'account'])).toEqual({ file: 'privacy/account.yaml', line: 3, column: 3 });
    expect(sourceMap.locate(['purposes', 'billing', 'name'])).toEqual({ file: 'privacy/billing.yaml', line: 3, column: 5 });
    // A path with no node of its own falls back to its nearest ancestor.
    expect(sourceMap.locate(['purposes', 'billing', 'retention'])).toEqual({ file: 'privacy/billing.yaml', line: 2, column: 3 });
  });

  it('reports an entry id defined twice at the second definition, naming the first file', () => {
    const again = file(
      'privacy/zz-late.yaml',
      'subjects:',
      '  visitor:',
      '    name: Visitors',
      'purposes:',
      '  account:',
      '    name: Again',
    );
    const { data, diagnostics } = loadSources([accountPurposes, billingPurposes, again]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'CUS004',
      severity: 'error',
      path: 'purposes.account',
      location: { file: 'privacy/zz-late.yaml', line: 5, column: 3 },
    });
    expect(diagnostics[0]?.message).toContain('privacy/account.yaml');
    // The first definition wins; the other entries of the late file still merge.
    expect((data.purposes as Record<string, unknown>).account).toEqual({ name: 'Account' });
    expect(Object.keys(data.subjects as object)).toEqual(['customer', 'visitor']);
  });

  it('reports a section that cannot be split when a second file defines it again', () => {
    const first = file('privacy/a.yaml', 'organization:', '  name: Nimbus');
    const second = file('privacy/b.yaml', '# Copied by mistake.', 'organization:', '  name: Nimbus Cloud');
    const { data, diagnostics } = loadSources([first, second]);
    expect(diagnostics.map((d) => [d.code, d.path, d.location])).toEqual([
      ['CUS004', 'organization', { file: 'privacy/b.yaml', line: 2, column: 1 }],
    ]);
    expect(diagnostics[0]?.message).toContain('privacy/a.yaml');
    expect(data.organization).toEqual({ name: 'Nimbus' });
  });

  it('names the first file when a second one writes a split section in a shape that cannot merge', () => {
    const list = file('privacy/late.yaml', 'purposes:', '  - billing');
    const { diagnostics } = loadSources([accountPurposes, list]);
    expect(diagnostics.map((d) => [d.code, d.location?.file, d.location?.line])).toEqual([['CUS004', 'privacy/late.yaml', 1]]);
    expect(diagnostics[0]?.message).toBe('section "purposes" is already defined in privacy/account.yaml');
  });

  it('skips a file that holds only comments', () => {
    const { data, diagnostics } = loadSources([file('privacy/todo.yaml', '# nothing yet'), billingPurposes]);
    expect(diagnostics).toEqual([]);
    expect(Object.keys(data)).toEqual(['purposes', 'retention']);
  });
});

describe('loadSources: where a missing section is reported', () => {
  it('at the first key of the first file', () => {
    const { sourceMap } = loadSources([accountPurposes, billingPurposes]);
    expect(sourceMap.locate([])).toEqual({ file: 'privacy/account.yaml', line: 2, column: 1 });
  });

  it('at the top of the first file when it holds only comments', () => {
    const { sourceMap } = loadSources([file('privacy/todo.yaml', '# nothing yet'), billingPurposes]);
    expect(sourceMap.locate([])).toEqual({ file: 'privacy/todo.yaml', line: 1, column: 1 });
  });
});

describe('loadSources: broken files', () => {
  it('reports every file with a syntax error, not just the first', () => {
    const quote = file('privacy/a.yaml', 'purposes:', '  account:', "    name: 'Account", '    description: Your account');
    const indent = file('privacy/b.yaml', 'subjects:', '  customer:', '    name: Customers', '   description: People who buy');
    const { diagnostics } = loadSources([quote, indent, billingPurposes]);
    expect(diagnostics.map((d) => [d.code, d.location?.file, d.location?.line])).toEqual([
      ['CUS001', 'privacy/a.yaml', 3],
      ['CUS001', 'privacy/b.yaml', 4],
    ]);
  });

  it('points an unclosed quote at the quote that opens it, not at the end of the file', () => {
    const quote = file('privacy/a.yaml', 'purposes:', '  account:', '    name: "Account', '    description: Your account', 'subjects: {}');
    const { diagnostics } = loadSources([quote]);
    expect(diagnostics.map((d) => d.location)).toEqual([{ file: 'privacy/a.yaml', line: 3, column: 11 }]);
  });

  it('reports a duplicate key inside one file at the repeated key', () => {
    const dup = file('privacy/a.yaml', 'purposes:', '  account:', '    name: Account', '    name: Customer account');
    const { diagnostics } = loadSources([dup]);
    expect(diagnostics.map((d) => [d.code, d.location?.line, d.location?.column])).toEqual([['CUS001', 4, 5]]);
  });

  it('refuses a file that is a list instead of a mapping of sections', () => {
    const { diagnostics } = loadSources([file('privacy/list.yaml', '- purposes', '- datasets')]);
    expect(diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['CUS002', 1]]);
  });

  it('reports no files at all, without a place since no file is involved', () => {
    const { diagnostics } = loadSources([]);
    expect(diagnostics.map((d) => [d.code, d.location])).toEqual([['CUS005', undefined]]);
  });
});

describe('loadSources: files that would cost too much to expand', () => {
  const placeOf = (files: ManifestFile[]) =>
    loadSources(files).diagnostics.map((d) => [d.code, d.location?.line, d.location?.column, d.message]);

  it('refuses an alias bomb at the alias that goes over the limit, instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [n, prev] of [...'bcdefghi'].map((c, i) => [c, 'abcdefghi'[i]] as const))
      lines.push(`${n}: &${n} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`);
    const [found] = placeOf([file('privacy/bomb.yaml', ...lines)]);
    expect(found).toEqual(['CUS050', 5, 8, 'aliases expand to more than 10,000 values in this file (an alias bomb?)']);
  });

  it('reads a list reused by many aliases, which is what aliases are for', () => {
    const uses = Array.from({ length: 300 }, (_, i) => `  p${i}: { categories: *common }`);
    const { diagnostics, data } = loadSources([
      file('privacy/a.yaml', 'shared: &common [user.contact.email, user.account.id]', 'purposes:', ...uses),
    ]);
    expect(diagnostics).toEqual([]);
    expect((data.purposes as Record<string, { categories: string[] }>).p299?.categories).toEqual(['user.contact.email', 'user.account.id']);
  });

  it('reports an alias that names no anchor where it is written', () => {
    expect(placeOf([file('privacy/a.yaml', 'purposes:', '  account:', '    categories: *nosuch')])).toEqual([
      ['CUS050', 3, 17, 'alias *nosuch names no anchor set before it'],
    ]);
  });

  it('reports an alias used before its anchor, as YAML requires the anchor first', () => {
    expect(placeOf([file('privacy/a.yaml', 'a: *later', 'b: &later [1]')]).map((d) => d.slice(0, 3))).toEqual([['CUS050', 1, 4]]);
  });

  it('reports an alias inside the value it names, which would expand forever', () => {
    expect(placeOf([file('privacy/a.yaml', 'a: &loop', '  - *loop')])).toEqual([
      ['CUS050', 2, 5, 'alias *loop is inside the value it names: it would expand forever'],
    ]);
  });

  it.each([
    ['a flow list 70 levels deep', `organization: ${'['.repeat(70)}${']'.repeat(70)}`, 1, 78],
    ['a block mapping 70 levels deep', Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v', 64, 64],
    ['a flow list 20,000 levels deep', `organization: ${'['.repeat(20_000)}${']'.repeat(20_000)}`, 1, undefined],
  ])('refuses %s with a place, not a crash', (_, text, line, column) => {
    const diagnostics = loadSources([file('privacy/deep.yaml', text)]).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.location?.file, d.location?.line])).toEqual([['CUS050', 'privacy/deep.yaml', line]]);
    if (column !== undefined) expect(diagnostics[0]?.location?.column).toBe(column);
    expect(diagnostics[0]?.message).toBe('nested more than 64 levels deep');
  });

  it('refuses nesting that only aliases make deep', () => {
    const lines = [`a0: &a0 ${'['.repeat(40)}${']'.repeat(40)}`, `a1: &a1 ${'['.repeat(30)}*a0${']'.repeat(30)}`];
    expect(placeOf([file('privacy/a.yaml', ...lines)])).toEqual([
      ['CUS050', 2, 39, 'nested more than 64 levels deep once alias *a0 is expanded'],
    ]);
  });
});

describe('readManifestFolder: entries that are not regular files', () => {
  it('lists a named pipe called a.yaml without opening it, and loadSources warns that it was skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-fifo-'));
    try {
      execFileSync('mkfifo', [join(dir, 'a.yaml')]);
      writeFileSync(join(dir, 'b.yaml'), 'subjects:\n  customer: { name: Customers }\n');
      const files = readManifestFolder(dir, dir);
      expect(files).toEqual([
        { path: 'a.yaml', text: '', skipped: 'a named pipe' },
        { path: 'b.yaml', text: 'subjects:\n  customer: { name: Customers }\n' },
      ]);
      const { diagnostics, data } = loadSources(files);
      expect(diagnostics.map((d) => [d.code, d.severity, d.location])).toEqual([
        ['CUS052', 'warning', { file: 'a.yaml', line: 1, column: 1 }],
      ]);
      expect(diagnostics[0]?.message).toBe('skipped: a named pipe, not a regular file, so it was not read');
      expect(data.subjects).toEqual({ customer: { name: 'Customers' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a folder whose only manifest entry is a named pipe as holding no manifest files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-fifo-'));
    try {
      execFileSync('mkfifo', [join(dir, 'a.yaml')]);
      expect(loadSources(readManifestFolder(dir, dir)).diagnostics.map((d) => d.code)).toEqual(['CUS005', 'CUS052']);
      // Named directly, the pipe is not opened either.
      expect(readManifestFolder(join(dir, 'a.yaml'), dir)).toEqual([{ path: 'a.yaml', text: '', skipped: 'a named pipe' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formatPath', () => {
  it('writes manifest paths the way a reader types them', () => {
    expect(formatPath(['purposes', 'billing', 'categories', 2])).toBe('purposes.billing.categories[2]');
    expect(formatPath(['locations', 'hosting', 0, 'name'])).toBe('locations.hosting[0].name');
    expect(formatPath([])).toBe('');
  });
});
