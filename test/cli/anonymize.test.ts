// `custos anonymize check FILE.csv`: the report a person reads, its exit codes, and errors that name the line.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'custos-anonymize-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const custos = (...args: string[]) => runCli(['anonymize', 'check', ...args], { cwd: scratch });
const write = (name: string, lines: readonly string[]) => writeFileSync(join(scratch, name), `${lines.join('\n')}\n`);

/** 4 groups of 5 people: exact ages and postcodes single each one out; decades and postcode areas do not. */
const people = Array.from({ length: 20 }, (_, i) => ({
  age: 30 + (i % 4) * 10 + (i % 5),
  postcode: `${i % 2 === 0 ? 'H2X' : 'H3A'} ${i}Y${i % 7}`,
  email: `person${i}@example.com`,
  score: String(1 + (i % 3)),
}));

// Each run starts a Node process that loads the whole command line: slow on a busy machine, hence the roomy timeout.
describe('custos anonymize check', { timeout: 120_000 }, () => {
  it('fails a file where a combination of quasi-identifiers is unique (exit 1), and passes it generalised (exit 0)', async () => {
    write('raw.csv', ['age,postcode,score', ...people.map((p) => `${p.age},"${p.postcode}",${p.score}`)]);
    const raw = await custos('raw.csv', '--quasi', 'age,postcode', '--sensitive', 'score', '--k', '5');
    expect(raw.status).toBe(1);
    expect(raw.stdout).toMatch(/^anonymity check of raw\.csv: FAIL \(20 rows; quasi-identifiers: age, postcode\)/);
    expect(raw.stdout).toMatch(/singling out — k-anonymity, k = 5: FAIL\n {2}equivalence classes +20\n {2}smallest class +1/);

    const band = (age: number) => `${Math.floor(age / 10) * 10}-${Math.floor(age / 10) * 10 + 9}`;
    write('generalised.csv', ['age,postcode,score', ...people.map((p) => `${band(p.age)},${p.postcode.slice(0, 3)}*,${p.score}`)]);
    const done = await custos('generalised.csv', '--quasi', 'age,postcode', '--sensitive', 'score', '--k', '5');
    expect(done.stderr).toBe('');
    expect(done.stdout).toMatch(/^anonymity check of generalised\.csv: PASS/);
    expect(done.stdout).toContain('inference — l-diversity of score, l = 2: pass');
    expect(done.status).toBe(0);
  });

  it('flags an unkeyed SHA-256 of the e-mail addresses it is given, and prints the report as JSON', async () => {
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    write('hashed.csv', ['age,email_sha', ...people.map((p) => `${Math.floor(p.age / 10) * 10},${sha(p.email)}`)]);
    write(
      'known.txt',
      people.map((p) => p.email.toUpperCase()),
    );
    const run = await custos('hashed.csv', '--quasi', 'age', '--known-identifiers', 'known.txt', '--json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { passed: boolean; linkability: { unkeyedHashes: unknown[] } };
    expect(report.passed).toBe(false);
    expect(report.linkability.unkeyedHashes).toEqual([
      { column: 'email_sha', algorithm: 'sha256', evidence: 'recomputed', values: 20, variant: 'lowercase' },
    ]);
  });

  it('names the file and line of a malformed row (exit 2) without printing its content', async () => {
    write('broken.csv', ['age,postcode', '31,H2X', '"32,H2X', '33,H3A']);
    const run = await custos('broken.csv', '--quasi', 'age');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('custos: broken.csv:3: a quoted field is never closed (a `"` is missing)\n');
    write('short.csv', ['age,postcode', '31,H2X', 'ada@example.com']);
    const short = await custos('short.csv', '--quasi', 'age');
    expect(short.status).toBe(2);
    expect(short.stderr).toBe('custos: short.csv:3: 1 field where the header has 2\n');
  });

  it('refuses a quasi-identifier the file does not have, and a threshold that is not one (exit 2)', async () => {
    write('small.csv', ['age,postcode', '31,H2X']);
    const unknown = await custos('small.csv', '--quasi', 'age,zip');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('custos: the quasi-identifier "zip" is not a column of the data (columns: age, postcode)\n');
    const badK = await custos('small.csv', '--quasi', 'age', '--k', 'five');
    expect(badK.status).toBe(2);
    expect(badK.stderr).toBe('custos: --k five: expected a whole number of at least 1\n');
    const missing = await custos('nowhere.csv', '--quasi', 'age');
    expect(missing.stderr).toBe('custos: nowhere.csv: cannot be read (no such file); give FILE as a path to a file\n');
  });
});
