// Broken manifests under test/fixtures/manifests: each folder's `# expect: CUS0xx` comments say which diagnostics it must produce, and where.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePolicyFolder, DIAGNOSTIC_CODES, type CompileResult, type DiagnosticCode } from '../src/policy/index.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/manifests/', import.meta.url));
const VALID = 'valid-minimal';
const NOW = new Date('2026-11-23T00:00:00Z');

/** Codes no fixture can prove, with the reason; every other code of the table must be expected by some fixture. */
const NOT_IN_FIXTURES: Partial<Record<DiagnosticCode, string>> = {
  CUS005: 'an empty folder cannot be committed; it is created at test time below',
  CUS043: 'it is about the --profile option, not the files; examples/nimbus-cloud/nimbus.test.ts proves it',
  CUS052: 'a named pipe cannot be committed; src/policy/sources.test.ts makes one called a.yaml',
};

interface Expectation {
  readonly code: string;
  /** Absolute path of the file the diagnostic must point into. */
  readonly file: string;
  readonly line: number;
  /** Text the diagnostic's fix must contain, when the marker says `fix: …`. */
  readonly fix?: string;
}

const MARKER = /#\s*expect:\s*(.*)$/;

/**
 * Reads `# expect: CUS010[, CUS0xx] [fix: text]` markers. A marker after a value points at its own line;
 * a marker on a comment line points at the next line that holds YAML.
 */
function readExpectations(dir: string): Expectation[] {
  const out: Expectation[] = [];
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    const file = join(dir, name);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      const marker = MARKER.exec(text)?.[1];
      if (marker === undefined) return;
      const [codes = '', fix] = marker.split(/\bfix:\s*/);
      let line = i + 1;
      if (/^\s*#/.test(text)) {
        const next = lines.findIndex((l, j) => j > i && l.trim() !== '' && !l.trim().startsWith('#'));
        line = next + 1;
      }
      for (const code of codes.match(/CUS\d{3}/g) ?? []) {
        out.push(fix === undefined ? { code, file, line } : { code, file, line, fix: fix.trim() });
      }
    });
  }
  return out;
}

function compile(dir: string): CompileResult {
  let result: CompileResult | undefined;
  expect(() => {
    result = compilePolicyFolder(dir, { now: NOW });
  }).not.toThrow();
  if (!result) throw new Error('unreachable: compilePolicyFolder returned nothing');
  return result;
}

/** `CUS010 processing.yaml:37`, comparable across expectations and diagnostics. */
const place = (code: string, file: string, line: number): string => `${code} ${file}:${line}`;

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== VALID)
  .map((e) => ({ name: e.name, dir: join(FIXTURES, e.name), expected: readExpectations(join(FIXTURES, e.name)) }));

describe('the valid-minimal manifest', () => {
  it('compiles to a model with no diagnostic at all, so no rule fires on a correct manifest', () => {
    const result = compile(join(FIXTURES, VALID));
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.model).toBeDefined();
  });

  it('merges purposes, recipients and retention rules declared in separate files', () => {
    const model = compile(join(FIXTURES, VALID)).model;
    expect([...(model?.purposes.keys() ?? [])].sort()).toEqual(['account', 'billing', 'newsletter', 'security']);
    expect([...(model?.recipients.keys() ?? [])].sort()).toEqual(['mailer', 'payment-processor']);
    expect(model?.retention.has('billing-records')).toBe(true);
  });
});

describe.each(cases)('broken manifest $name', ({ dir, expected }) => {
  it('declares what is broken in it with # expect: markers', () => {
    expect(expected.length).toBeGreaterThan(0);
  });

  it('produces exactly the expected diagnostics, each at the marked file and line', () => {
    const result = compile(dir);
    const actual = result.diagnostics.map((d) => (d.location ? place(d.code, resolve(d.location.file), d.location.line) : d.code));
    expect(actual.sort()).toEqual(expected.map((e) => place(e.code, e.file, e.line)).sort());
  });

  it('suggests the fix the marker names', () => {
    const result = compile(dir);
    for (const e of expected.filter((x) => x.fix !== undefined)) {
      const found = result.diagnostics.find(
        (d) => d.code === e.code && d.location && resolve(d.location.file) === e.file && d.location.line === e.line,
      );
      expect(found?.fix, `${e.code} at line ${e.line}`).toContain(e.fix);
    }
  });

  it('places every diagnostic at a line and column of a file', () => {
    for (const d of compile(dir).diagnostics) {
      expect(d.location, `${d.code} ${d.message}`).toBeDefined();
      expect(d.location?.line).toBeGreaterThan(0);
      expect(d.location?.column).toBeGreaterThan(0);
    }
  });

  it('fails the compilation only for errors: a manifest with warnings alone still yields a usable model', () => {
    const result = compile(dir);
    const hasError = expected.some((e) => DIAGNOSTIC_CODES[e.code as DiagnosticCode].severity === 'error');
    expect(result.ok).toBe(!hasError);
    if (!hasError) expect(result.model).toBeDefined();
  });
});

describe('fixture coverage', () => {
  it('proves every code of the diagnostic table with at least one broken manifest', () => {
    const proven = new Set(cases.flatMap((c) => c.expected.map((e) => e.code)));
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !proven.has(code) && !(code in NOT_IN_FIXTURES));
    expect(missing).toEqual([]);
  });

  it('uses only codes that exist in the table', () => {
    const unknown = cases.flatMap((c) => c.expected.filter((e) => !(e.code in DIAGNOSTIC_CODES)).map((e) => `${c.name}: ${e.code}`));
    expect(unknown).toEqual([]);
  });
});

describe('a folder without manifest files (CUS005)', () => {
  const tmp = fileURLToPath(new URL('./.tmp/', import.meta.url));
  mkdirSync(tmp, { recursive: true });
  const scratch = mkdtempSync(join(tmp, 'manifests-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const expectFolderError = (result: CompileResult) => {
    expect(result.diagnostics.map((d) => d.code)).toEqual(['CUS005']);
    expect(result.diagnostics[0]?.location).toBeUndefined();
    expect(result.diagnostics[0]?.fix).toContain('custos init');
    expect(result.ok).toBe(false);
    expect(result.model).toBeUndefined();
  };

  it('reports an empty folder instead of compiling nothing', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    expectFolderError(compile(empty));
  });

  it('reports a folder whose files are not YAML', () => {
    const notes = join(scratch, 'notes-only');
    mkdirSync(notes);
    writeFileSync(join(notes, 'README.md'), '# privacy\n');
    writeFileSync(join(notes, 'purposes.json'), '{}\n');
    expectFolderError(compile(notes));
  });

  it('reports a folder that does not exist', () => {
    expectFolderError(compile(join(scratch, 'missing')));
  });
});
