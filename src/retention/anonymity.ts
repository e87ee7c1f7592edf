// The anonymity check on a collection of the provider's stores, read through its connector page by page against the
// thresholds its manifest declares; and after a sweep anonymised such a collection, the same check on its anonymised rows,
// as a verdict in counts only for the sweep's report and its audit entry.
import { checkAnonymityOfPages, declaredCheckOptions, type AnonymityReport, type CollectionCheckOverrides } from '../anonymize/index.js';
import type { ConnectorPool, Row } from '../connectors/index.js';
import { CustosError, isCustosError } from '../errors.js';
import type { CollectionModel, PolicyModel } from '../policy/index.js';
import type { FateReader } from './fate.js';

/** Rows of a collection to check: those `accept` keeps, read with `fields` too (what deciding needs). */
export interface RowFilter {
  readonly fields: readonly string[];
  readonly accept: (row: Row) => boolean;
}

/**
 * Reads the collection once, keeping only each column's codes, and checks it: every row, or those `only` accepts (a
 * sweep checks the rows it anonymised, not those still inside their period).
 */
export async function checkCollectionAnonymity(
  model: PolicyModel,
  pool: ConnectorPool,
  qualified: string,
  overrides: CollectionCheckOverrides = {},
  options: { readonly signal?: AbortSignal | undefined; readonly only?: RowFilter | undefined } = {},
): Promise<AnonymityReport> {
  const collection = model.index.collections.get(qualified);
  if (collection === undefined)
    throw new CustosError({
      code: 'invalid-input',
      message: `no collection "${qualified}" in the manifest; name one as dataset.collection (${[...model.index.collections.keys()].slice(0, 4).join(', ')}, …)`,
    });
  const check = declaredCheckOptions(collection, overrides);
  const checked = [...new Set([...check.quasi, ...[check.sensitive ?? []].flat(), ...(check.columns ?? [])])];
  const unknown = checked.filter((f) => !collection.fields.has(f));
  if (unknown.length > 0)
    throw new CustosError({
      code: 'invalid-input',
      message: `${qualified} has no field ${unknown.map((f) => `"${f}"`).join(', ')} (fields: ${[...collection.fields.keys()].join(', ')})`,
    });
  const { signal, only } = options;
  const connector = await pool.get(collection.dataset);
  const fields = [...new Set([...checked, ...(only?.fields ?? [])])];
  const pages = connector.findPages({ collection, where: {} }, { fields, ...(signal ? { signal } : {}) });
  return checkAnonymityOfPages(only ? accepted(pages, only.accept) : pages, check, signal);
}

async function* accepted(pages: AsyncIterable<readonly Row[]>, accept: (row: Row) => boolean): AsyncIterable<readonly Row[]> {
  for await (const page of pages) yield page.filter(accept);
}

/** The anonymity of a collection's anonymised rows after a sweep: figures, never values or column names. */
export interface SweepAnonymity {
  readonly passed: boolean;
  /** Anonymised rows checked (rows still inside their period are personal data, not claimed anonymous). */
  readonly rows: number;
  readonly k: number;
  readonly smallestClass: number;
  readonly recordsBelowK: number;
  /** Stable identifiers, unkeyed hashes and joins found. */
  readonly linkable: number;
  /** The fewest distinct values of a sensitive attribute in a class, over every declared attribute. */
  readonly smallestL?: number | undefined;
  /** The check could not run (a store that failed): the sweep's own result stands. */
  readonly error?: string | undefined;
}

/** Checks the rows the fate reader calls anonymised, against the collection's declared thresholds. */
export async function anonymityAfterSweep(
  model: PolicyModel,
  pool: ConnectorPool,
  collection: CollectionModel,
  reader: FateReader,
  signal?: AbortSignal,
): Promise<SweepAnonymity> {
  const declared = collection.anonymity;
  try {
    const report = await checkCollectionAnonymity(
      model,
      pool,
      collection.qualifiedName,
      {},
      {
        signal,
        only: { fields: reader.fields, accept: (row) => reader.fate(row).kind === 'anonymised' },
      },
    );
    const ls = report.inference.map((i) => i.smallestL);
    return {
      passed: report.passed,
      rows: report.rows,
      k: report.singlingOut.k,
      smallestClass: report.singlingOut.smallestClass,
      recordsBelowK: report.singlingOut.recordsBelowK,
      linkable: report.linkability.stableIdentifiers.length + report.linkability.unkeyedHashes.length + report.linkability.links.length,
      ...(ls.length > 0 ? { smallestL: Math.min(...ls) } : {}),
    };
  } catch (error) {
    return {
      passed: false,
      rows: 0,
      k: declared?.k ?? 0,
      smallestClass: 0,
      recordsBelowK: 0,
      linkable: 0,
      error: isCustosError(error) ? error.message : 'the anonymity check could not read the collection',
    };
  }
}

/** The verdict as flat audit details (`anonymityPassed`, `anonymitySmallestClass`…); none without a check. */
export function anonymityDetails(a: SweepAnonymity | undefined): Record<string, string | number | boolean> {
  if (a === undefined) return {};
  return {
    anonymityPassed: a.passed,
    anonymityRows: a.rows,
    anonymityK: a.k,
    anonymitySmallestClass: a.smallestClass,
    anonymityRecordsBelowK: a.recordsBelowK,
    anonymityLinkable: a.linkable,
    ...(a.smallestL === undefined ? {} : { anonymitySmallestL: a.smallestL }),
    ...(a.error === undefined ? {} : { anonymityError: a.error }),
  };
}
