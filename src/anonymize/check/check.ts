// The anonymity check: the three tests of an anonymised table (singling out, linkability, inference) against thresholds,
// on rows in memory, on a connector's pages, or on a CSV file's table. Rows in, report out; nothing printed.
import { z } from 'zod';
import { CustosError } from '../../errors.js';
import { equivalenceClasses } from './classes.js';
import { ColumnCollector, type AnonymityRow, type ColumnCodes } from './columns.js';
import { classDiversity } from './diversity.js';
import {
  knownDigests,
  linksTo,
  stableIdentifiers,
  unkeyedHashes,
  type LinkFound,
  type LinkTarget,
  type StableIdentifier,
  type UnkeyedHash,
} from './linkability.js';

/** Thresholds, checked once (zod) and frozen. Defaults are documented in docs/anonymize.md. */
export const AnonymityThresholds = z.strictObject({
  /** Smallest equivalence class allowed (default 5). */
  k: z.int().min(1).default(5),
  /** Distinct sensitive values each class must have (default 2: no class where everyone shares the value). */
  l: z.int().min(1).default(2),
  /** Largest distance of a class's sensitive distribution to the table's, 0–1 (default: not checked). */
  t: z.number().gt(0).max(1).optional(),
  /** Share of records allowed in classes smaller than k — a suppression budget (default 0). */
  maxShareBelowK: z.number().min(0).max(1).default(0),
  /** A column where this share of records hold a value no other record has is a stable identifier (default 0.5). */
  identifierShare: z.number().gt(0).max(1).default(0.5),
});
export type AnonymityThresholds = z.output<typeof AnonymityThresholds>;

export interface AnonymityCheckOptions extends z.input<typeof AnonymityThresholds> {
  /** The quasi-identifiers: columns someone could know from elsewhere (age band, postcode, dates). At least one. */
  readonly quasi: readonly string[];
  /** The sensitive attribute(s) the inference test is about, each checked on its own. Without one, inference is not checked. */
  readonly sensitive?: string | readonly string[];
  /** Columns the linkability test scans (default: every column of the table, or of the first row). */
  readonly columns?: readonly string[];
  /** Known e-mail addresses or phone numbers: hashes of them are recomputed and matched (MD5, SHA-1, SHA-256; variants). */
  readonly knownIdentifiers?: Iterable<string>;
  /** Other collections whose values a record could be joined to. */
  readonly linkTargets?: readonly LinkTarget[];
}

export interface SinglingOutResult {
  readonly passed: boolean;
  readonly k: number;
  readonly classes: number;
  readonly smallestClass: number;
  readonly classesBelowK: number;
  readonly recordsBelowK: number;
  readonly shareBelowK: number;
}

export interface LinkabilityResult {
  readonly passed: boolean;
  readonly columns: readonly string[];
  readonly stableIdentifiers: readonly StableIdentifier[];
  readonly unkeyedHashes: readonly UnkeyedHash[];
  readonly links: readonly LinkFound[];
}

export interface InferenceResult {
  readonly passed: boolean;
  readonly sensitive: string;
  readonly l: number;
  /** The fewest distinct sensitive values in a class. */
  readonly smallestL: number;
  readonly classesBelowL: number;
  readonly recordsBelowL: number;
  /** Classes where every record has the same sensitive value: it is learnt from the quasi-identifiers alone. */
  readonly classesWithOneValue: number;
  readonly t?: number;
  readonly largestDistance?: number;
  readonly classesAboveT?: number;
}

export interface AnonymityReport {
  readonly passed: boolean;
  readonly rows: number;
  readonly quasi: readonly string[];
  readonly thresholds: AnonymityThresholds;
  readonly singlingOut: SinglingOutResult;
  readonly linkability: LinkabilityResult;
  /** One result per sensitive attribute, in the order named; empty when none was named. */
  readonly inference: readonly InferenceResult[];
}

interface ResolvedCheck {
  readonly thresholds: AnonymityThresholds;
  readonly quasi: readonly string[];
  readonly sensitive: readonly string[];
  readonly scanned: readonly string[];
  readonly collected: readonly string[];
}

/** Checks rows held in memory (objects keyed by column). */
export function checkAnonymity(rows: Iterable<AnonymityRow>, options: AnonymityCheckOptions): AnonymityReport {
  const feed = rowFeed(options);
  for (const row of rows) feed.add(row);
  return feed.report();
}

/**
 * Checks a collection read page by page — a connector's `findPages(selection)` after a sweep — without holding the rows:
 * only each column's codes are kept. Stops with `aborted` when `signal` fires.
 */
export async function checkAnonymityOfPages(
  pages: AsyncIterable<readonly AnonymityRow[]>,
  options: AnonymityCheckOptions,
  signal?: AbortSignal,
): Promise<AnonymityReport> {
  const feed = rowFeed(options);
  for await (const page of pages) {
    if (signal?.aborted) throw new CustosError({ code: 'aborted', message: 'the anonymity check was stopped before the last page' });
    for (const row of page) feed.add(row);
  }
  return feed.report();
}

/** Rows fed one by one: the columns to collect are resolved from the first row's keys (none when no row comes). */
function rowFeed(options: AnonymityCheckOptions): { add(row: AnonymityRow): void; report(): AnonymityReport } {
  let collector: ColumnCollector | undefined;
  let resolved: ResolvedCheck | undefined;
  return {
    add(row) {
      if (!collector) {
        resolved = resolveCheck(options, Object.keys(row));
        collector = new ColumnCollector(resolved.collected);
      }
      collector.addRecord(row);
    },
    report() {
      if (!collector || !resolved) {
        resolved = resolveCheck(options, undefined);
        collector = new ColumnCollector(resolved.collected);
      }
      return evaluate(collector, resolved, options);
    },
  };
}

/** Checks a table of cells under a header (a CSV file read with `readCsv`). */
export function checkAnonymityOfTable(
  table: { readonly header: readonly string[]; readonly rows: readonly (readonly unknown[])[] },
  options: AnonymityCheckOptions,
): AnonymityReport {
  const resolved = resolveCheck(options, table.header);
  const collector = new ColumnCollector(resolved.collected);
  const indexes = resolved.collected.map((name) => table.header.indexOf(name));
  for (const row of table.rows) collector.addArray(row, indexes);
  return evaluate(collector, resolved, options);
}

function resolveCheck(options: AnonymityCheckOptions, available: readonly string[] | undefined): ResolvedCheck {
  const parsed = AnonymityThresholds.safeParse({
    k: options.k,
    l: options.l,
    t: options.t,
    maxShareBelowK: options.maxShareBelowK,
    identifierShare: options.identifierShare,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CustosError({
      code: 'invalid-input',
      message: `anonymity threshold ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    });
  }
  if (options.quasi.length === 0)
    throw new CustosError({
      code: 'invalid-input',
      message: 'name at least one quasi-identifier (a column someone could know from elsewhere)',
    });
  const known = (name: string, role: string) => {
    if (available !== undefined && !available.includes(name))
      throw new CustosError({
        code: 'invalid-input',
        message: `the ${role} "${name}" is not a column of the data (columns: ${available.join(', ') || 'none'})`,
        details: { column: name },
      });
  };
  options.quasi.forEach((name) => known(name, 'quasi-identifier'));
  const sensitive =
    options.sensitive === undefined ? [] : typeof options.sensitive === 'string' ? [options.sensitive] : [...options.sensitive];
  sensitive.forEach((name) => known(name, 'sensitive attribute'));
  options.columns?.forEach((name) => known(name, 'column to scan'));
  for (const target of options.linkTargets ?? []) target.columns?.forEach((name) => known(name, `column linked to ${target.name}`));
  const scanned = options.columns ?? available ?? [];
  const collected = [...new Set([...options.quasi, ...sensitive, ...scanned])];
  return Object.freeze({
    thresholds: Object.freeze(parsed.data),
    quasi: [...options.quasi],
    sensitive,
    scanned,
    collected,
  });
}

function evaluate(collector: ColumnCollector, resolved: ResolvedCheck, options: AnonymityCheckOptions): AnonymityReport {
  const rows = collector.rows;
  const columns = collector.finish();
  const byName = new Map(columns.map((c) => [c.name, c]));
  const pick = (name: string) => byName.get(name) as ColumnCodes;
  const { thresholds } = resolved;
  const classes = equivalenceClasses(resolved.quasi.map(pick), rows);

  let smallest = rows === 0 ? 0 : Infinity;
  let classesBelowK = 0;
  let recordsBelowK = 0;
  for (const size of classes.sizes) {
    if (size < smallest) smallest = size;
    if (size < thresholds.k) {
      classesBelowK++;
      recordsBelowK += size;
    }
  }
  const shareBelowK = rows === 0 ? 0 : recordsBelowK / rows;
  const singlingOut: SinglingOutResult = {
    passed: shareBelowK <= thresholds.maxShareBelowK,
    k: thresholds.k,
    classes: classes.sizes.length,
    smallestClass: smallest,
    classesBelowK,
    recordsBelowK,
    shareBelowK,
  };

  const scanned = resolved.scanned.map(pick);
  const identifiers = stableIdentifiers(scanned, rows, thresholds.identifierShare);
  const hashes = unkeyedHashes(scanned, options.knownIdentifiers ? knownDigests(options.knownIdentifiers) : undefined);
  const links = linksTo(scanned, options.linkTargets ?? [], thresholds.k);
  const linkability: LinkabilityResult = {
    passed: identifiers.length === 0 && hashes.length === 0 && links.length === 0,
    columns: resolved.scanned,
    stableIdentifiers: identifiers,
    unkeyedHashes: hashes,
    links,
  };

  const inference = resolved.sensitive.map((name) => inferenceOf(classes, pick(name), name, thresholds));
  const passed = singlingOut.passed && linkability.passed && inference.every((i) => i.passed);
  return { passed, rows, quasi: resolved.quasi, thresholds, singlingOut, linkability, inference };
}

function inferenceOf(
  classes: ReturnType<typeof equivalenceClasses>,
  sensitive: ColumnCodes,
  name: string,
  thresholds: AnonymityThresholds,
): InferenceResult {
  const diversity = classDiversity(classes, sensitive, thresholds.t !== undefined);
  let smallestL = classes.sizes.length === 0 ? 0 : Infinity;
  let classesBelowL = 0;
  let recordsBelowL = 0;
  let classesWithOneValue = 0;
  diversity.distinct.forEach((d, c) => {
    if (d < smallestL) smallestL = d;
    if (d === 1) classesWithOneValue++;
    if (d < thresholds.l) {
      classesBelowL++;
      recordsBelowL += classes.sizes[c] as number;
    }
  });
  let closeness: Pick<InferenceResult, 't' | 'largestDistance' | 'classesAboveT'> = {};
  if (thresholds.t !== undefined && diversity.distance) {
    let largest = 0;
    let above = 0;
    for (const d of diversity.distance) {
      if (d > largest) largest = d;
      if (d > thresholds.t + 1e-12) above++;
    }
    closeness = { t: thresholds.t, largestDistance: largest, classesAboveT: above };
  }
  const passed = classesBelowL === 0 && (closeness.classesAboveT ?? 0) === 0;
  return { passed, sensitive: name, l: thresholds.l, smallestL, classesBelowL, recordsBelowL, classesWithOneValue, ...closeness };
}
