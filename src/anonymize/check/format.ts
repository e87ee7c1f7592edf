// The anonymity report as text for people: one block per test, its verdict, and its figures (never a row's values).
import type { AnonymityReport } from './check.js';
import type { LinkabilityResult } from './check.js';

const verdict = (passed: boolean) => (passed ? 'pass' : 'FAIL');
const count = (n: number) => n.toLocaleString('en');
const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.001 ? 3 : 1)}%`;

function pairs(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
}

export function formatAnonymityReport(report: AnonymityReport, source = 'the data'): string {
  const { singlingOut: s, linkability, thresholds } = report;
  const lines = [
    `anonymity check of ${source}: ${report.passed ? 'PASS' : 'FAIL'} (${count(report.rows)} rows; quasi-identifiers: ${report.quasi.join(', ')})`,
    '',
    `singling out — k-anonymity, k = ${s.k}: ${verdict(s.passed)}`,
    ...pairs([
      ['equivalence classes', count(s.classes)],
      ['smallest class', count(s.smallestClass)],
      ['classes under k', count(s.classesBelowK)],
      ['records under k', `${count(s.recordsBelowK)} (${percent(s.shareBelowK)}; allowed ${percent(thresholds.maxShareBelowK)})`],
    ]),
    '',
    `linkability: ${verdict(linkability.passed)}`,
    ...linkabilityLines(linkability, thresholds.k),
  ];
  for (const i of report.inference) {
    lines.push(
      '',
      `inference — l-diversity of ${i.sensitive}, l = ${i.l}${i.t === undefined ? '' : `, t-closeness t = ${i.t}`}: ${verdict(i.passed)}`,
      ...pairs([
        ['fewest distinct values in a class', count(i.smallestL)],
        ['classes under l', `${count(i.classesBelowL)} (${count(i.recordsBelowL)} records)`],
        ['classes with one value', count(i.classesWithOneValue)],
        ...(i.largestDistance === undefined
          ? []
          : ([
              ['largest distance to the whole table', `${i.largestDistance.toFixed(3)} (${count(i.classesAboveT ?? 0)} classes above t)`],
            ] as const)),
      ]),
    );
  }
  if (report.inference.length === 0) lines.push('', 'inference: not checked (no sensitive attribute named)');
  return `${lines.join('\n')}\n`;
}

function linkabilityLines(result: LinkabilityResult, k: number): string[] {
  const findings: (readonly [string, string])[] = [
    ...result.stableIdentifiers.map(
      (f) =>
        [
          f.column,
          `stable identifier: ${percent(f.uniqueShare)} of records (${count(f.uniqueRecords)}) hold a value no other record has`,
        ] as const,
    ),
    ...result.unkeyedHashes.map(
      (f) =>
        [
          f.column,
          f.evidence === 'recomputed'
            ? `unkeyed ${f.algorithm.toUpperCase()} of known identifiers (${f.variant}): ${count(f.values)} values recomputed`
            : `looks like unkeyed ${f.algorithm.toUpperCase()} digests (${count(f.values)} values): use a keyed pseudonym`,
        ] as const,
    ),
    ...result.links.map((f) => [f.column, `joins ${f.target}: ${count(f.records)} records in groups under k = ${k}`] as const),
  ];
  if (findings.length === 0) return [`  no stable identifier, unkeyed hash or join found in ${result.columns.length} columns`];
  return pairs(findings);
}
