// Test support: the valid-minimal manifest, edited, compiled and linted, as `CODE file:line` (shared by the lint tests).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePolicy } from '../index.js';

export const VALID = fileURLToPath(new URL('../../../test/fixtures/manifests/valid-minimal/', import.meta.url));
export const FILES = readdirSync(VALID).filter((n) => n.endsWith('.yaml'));

export type Edit = readonly [file: string, old: string, replacement: string];

/** valid-minimal with each edit made (and `extra` added as a file of its own), as `CODE file:line`. */
export function lintEdited(edits: readonly Edit[], extra?: string): string[] {
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

export const lint = (file: string, old: string, replacement: string, extra?: string) => lintEdited([[file, old, replacement]], extra);

/** The 1-based line of `needle` in `file` once edited. */
export function lineOf(file: string, old: string, replacement: string, needle: string): number {
  const text = readFileSync(join(VALID, file), 'utf8').replace(old, replacement);
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}
