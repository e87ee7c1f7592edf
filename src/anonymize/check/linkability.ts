// Linkability: what would let two records of one person be joined — values unique to one record (stable identifiers),
// unkeyed hashes (recomputed from known identifiers when given, else recognised by shape), and values found elsewhere.
import { createHash } from 'node:crypto';
import { cellKey, isEmptyKey, valueCounts, type ColumnCodes } from './columns.js';

export interface StableIdentifier {
  readonly column: string;
  /** Records whose value (not empty) no other record has. */
  readonly uniqueRecords: number;
  readonly uniqueShare: number;
}

/** Columns where at least `share` of the records carry a value no other record has. */
export function stableIdentifiers(columns: readonly ColumnCodes[], rows: number, share: number): StableIdentifier[] {
  if (rows < 2) return [];
  const found: StableIdentifier[] = [];
  for (const column of columns) {
    const counts = valueCounts(column);
    let unique = 0;
    for (let v = 0; v < counts.length; v++) if (counts[v] === 1 && !isEmptyKey(column.values[v] ?? null)) unique++;
    if (unique / rows >= share) found.push({ column: column.name, uniqueRecords: unique, uniqueShare: unique / rows });
  }
  return found;
}

export const HASH_ALGORITHMS = ['md5', 'sha1', 'sha256'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];
const HEX_LENGTH: Record<number, HashAlgorithm> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };
const HEX = /^[0-9a-fA-F]+$/;

export interface UnkeyedHash {
  readonly column: string;
  readonly algorithm: HashAlgorithm;
  /** `recomputed`: values equal to a hash of a known identifier; `shape`: values look like hex digests of one length. */
  readonly evidence: 'recomputed' | 'shape';
  /** Distinct values matched (recomputed) or of the digest's shape. */
  readonly values: number;
  /** With `recomputed`: how the identifier was written before hashing (`as-is`, `trimmed`, `lowercase`, `digits`, `plus-digits`). */
  readonly variant?: string;
}

/** Known identifiers hashed every common way: digest (lowercase hex) → algorithm and variant. */
export function knownDigests(identifiers: Iterable<string>): Map<string, { algorithm: HashAlgorithm; variant: string }> {
  const digests = new Map<string, { algorithm: HashAlgorithm; variant: string }>();
  for (const identifier of identifiers) {
    for (const [variant, text] of variantsOf(identifier)) {
      for (const algorithm of HASH_ALGORITHMS) {
        const digest = createHash(algorithm).update(text, 'utf8').digest('hex');
        if (!digests.has(digest)) digests.set(digest, { algorithm, variant });
      }
    }
  }
  return digests;
}

function variantsOf(identifier: string): [string, string][] {
  const trimmed = identifier.trim();
  const variants: [string, string][] = [
    ['as-is', identifier],
    ['trimmed', trimmed],
    ['lowercase', trimmed.toLowerCase()],
  ];
  // A phone number as digits, and in E.164 form.
  if (/^[+\d][\d\s().-]{5,}$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    variants.push(['digits', digits], ['plus-digits', `+${digits}`]);
  }
  return variants;
}

/**
 * Columns holding unkeyed hashes. With `digests` (from `knownDigests`), a column is flagged when any of its values is the hash
 * of a known identifier; without, when at least 90% of its distinct non-empty values are hex digests of one MD5, SHA-1 or
 * SHA-256 length. Keyed pseudonyms (`pse_…`) are neither.
 */
export function unkeyedHashes(
  columns: readonly ColumnCodes[],
  digests: ReadonlyMap<string, { algorithm: HashAlgorithm; variant: string }> | undefined,
): UnkeyedHash[] {
  const found: UnkeyedHash[] = [];
  for (const column of columns) {
    const byLength = new Map<number, number>();
    let nonEmpty = 0;
    const matched = new Map<string, { algorithm: HashAlgorithm; variant: string; values: number }>();
    for (const value of column.values) {
      if (isEmptyKey(value)) continue;
      nonEmpty++;
      if (typeof value !== 'string' || HEX_LENGTH[value.length] === undefined || !HEX.test(value)) continue;
      byLength.set(value.length, (byLength.get(value.length) ?? 0) + 1);
      const known = digests?.get(value.toLowerCase());
      if (known) {
        const key = `${known.algorithm}/${known.variant}`;
        const entry = matched.get(key) ?? { ...known, values: 0 };
        entry.values++;
        matched.set(key, entry);
      }
    }
    if (matched.size > 0) {
      const best = [...matched.values()].sort((a, b) => b.values - a.values)[0];
      if (best)
        found.push({ column: column.name, algorithm: best.algorithm, evidence: 'recomputed', values: best.values, variant: best.variant });
      continue;
    }
    for (const [length, count] of byLength) {
      if (count >= 1 && count / nonEmpty >= 0.9) {
        found.push({ column: column.name, algorithm: HEX_LENGTH[length] as HashAlgorithm, evidence: 'shape', values: count });
        break;
      }
    }
  }
  return found;
}

/** A collection whose values records could be joined to: a name for the report, its values, and the columns to compare. */
export interface LinkTarget {
  readonly name: string;
  readonly values: Iterable<unknown>;
  /** Columns of the checked rows to look up in `values` (default: every column the check reads). */
  readonly columns?: readonly string[];
}

export interface LinkFound {
  readonly column: string;
  readonly target: string;
  /** Distinct values found in the target that fewer than k records share here. */
  readonly values: number;
  /** Records carrying such a value: each can be joined to the other collection within a group smaller than k. */
  readonly records: number;
}

/**
 * A column links to a target when a value found in the target is shared by fewer than k records here: it joins that small
 * group to the other collection. Values shared by k or more records (a score of 1 to 5) join nobody in particular.
 * Values are compared as text, so `42` and `"42"` meet.
 */
export function linksTo(columns: readonly ColumnCodes[], targets: readonly LinkTarget[], k: number): LinkFound[] {
  const found: LinkFound[] = [];
  for (const target of targets) {
    const set = new Set<string>();
    for (const value of target.values) if (value !== null && value !== undefined && value !== '') set.add(textOf(value));
    for (const column of columns) {
      if (target.columns && !target.columns.includes(column.name)) continue;
      const counts = valueCounts(column);
      let values = 0;
      let records = 0;
      column.values.forEach((value, v) => {
        const n = counts[v] as number;
        if (n < k && !isEmptyKey(value) && set.has(String(value))) {
          values++;
          records += n;
        }
      });
      if (values > 0) found.push({ column: column.name, target: target.name, values, records });
    }
  }
  return found;
}

function textOf(value: unknown): string {
  return String(cellKey(value));
}
