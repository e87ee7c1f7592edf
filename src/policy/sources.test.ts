// Loading a manifest folder: files merge into one document, and every problem keeps the file and line it came from.
import { describe, expect, it } from 'vitest';
import { formatPath, loadSources, type ManifestFile } from './sources.js';

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

describe('formatPath', () => {
  it('writes manifest paths the way a reader types them', () => {
    expect(formatPath(['purposes', 'billing', 'categories', 2])).toBe('purposes.billing.categories[2]');
    expect(formatPath(['locations', 'hosting', 0, 'name'])).toBe('locations.hosting[0].name');
    expect(formatPath([])).toBe('');
  });
});
