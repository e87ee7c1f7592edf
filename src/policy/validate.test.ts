// Schema problems as a manifest author reads them: what is wrong, where, and what to write instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compiler.js';
import { Manifest } from './schema/index.js';
import type { ManifestFile } from './sources.js';
import { keysAt } from './validate.js';

const VALID = fileURLToPath(new URL('../../test/fixtures/manifests/valid-minimal/', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');

/** The valid-minimal manifest in memory, with `from` replaced by `to` in one file. */
function compileEdited(name: string, from: string, to: string) {
  const files: ManifestFile[] = readdirSync(VALID)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => ({ path: n, text: readFileSync(join(VALID, n), 'utf8') }));
  const target = files.find((f) => f.path === name);
  if (!target?.text.includes(from)) throw new Error(`${name} does not contain ${JSON.stringify(from)}`);
  return compilePolicy(
    files.map((f) => (f === target ? { ...f, text: f.text.replace(from, to) } : f)),
    { now: NOW },
  );
}

describe('schema diagnostics', () => {
  it('reports a missing text as a missing key, even though text may be a string or a per-language mapping', () => {
    const result = compileEdited('processing.yaml', "    name: { en: Newsletter, fr: Lettre d'information }\n", '');
    expect(result.diagnostics.map((d) => [d.code, d.message, d.path])).toEqual([
      ['CUS002', 'missing required key "name" in purposes.newsletter', 'purposes.newsletter.name'],
    ]);
  });

  it('reports a missing section once, at the start of the first file', () => {
    const result = compileEdited('processing.yaml', 'subjects:\n  customer:\n    name: { en: Customers, fr: Clients }\n', '');
    expect(result.diagnostics.map((d) => [d.code, d.message, d.location])).toEqual([
      ['CUS006', 'missing required section "subjects"', { file: 'billing.yaml', line: 2, column: 1 }],
    ]);
  });

  it('lists the keys allowed where an unknown key has no close match', () => {
    const result = compileEdited('billing.yaml', '    legalBasis: contract\n', '    legalBasis: contract\n    owner: finance\n');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]?.code).toBe('CUS003');
    expect(result.diagnostics[0]?.fix).toMatch(/^expected one of: name, description, legalBasis, /);
  });

  it('suggests the allowed value closest to a misspelt one', () => {
    const result = compileEdited('processing.yaml', '    trigger: last-contact\n', '    trigger: last-contacts\n');
    expect(result.diagnostics.map((d) => [d.code, d.path, d.fix])).toEqual([
      ['CUS002', 'retention.newsletter-consent.trigger', 'did you mean "last-contact"?'],
    ]);
  });

  it('says which duration forms are accepted when a duration cannot be read', () => {
    const result = compileEdited('processing.yaml', '    duration: 3 years\n', '    duration: three years\n');
    const line = readFileSync(join(VALID, 'processing.yaml'), 'utf8').split('\n').indexOf('    duration: 3 years') + 1;
    expect(result.diagnostics.map((d) => [d.code, d.location?.file, d.location?.line])).toEqual([['CUS002', 'processing.yaml', line]]);
    expect(result.diagnostics[0]?.message).toContain('"P180D"');
  });
});

describe('keysAt', () => {
  it('finds the keys of an entry inside a map of ids', () => {
    expect(keysAt(Manifest, ['purposes', 'billing'])).toContain('legalBasis');
  });

  it('finds the keys of an item of a list', () => {
    expect(keysAt(Manifest, ['locations', 'hosting', 0])).toEqual(['name', 'country', 'region', 'place', 'primary', 'customerChosen']);
  });

  it('finds the keys of a field nested in a dataset', () => {
    expect(keysAt(Manifest, ['datasets', 'app', 'collections', 'customers', 'fields', 'email'])).toContain('protection');
  });

  it('returns nothing where the schema holds no mapping', () => {
    expect(keysAt(Manifest, ['purposes', 'billing', 'categories'])).toEqual([]);
    expect(keysAt(Manifest, ['nowhere', 'at', 'all'])).toEqual([]);
  });
});
