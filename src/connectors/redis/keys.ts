// Redis key patterns of the manifest (`session:{customer_id}:*`): placeholders, the keys or SCAN pattern a selection needs.
import { CustosError } from '../../errors.js';
import { checkKeyIndex, type CollectionModel, type KeyIndexParts } from '../../policy/index.js';
import type { Value } from '../connector.js';
import { checkIdentifier } from '../identifiers.js';
import type { WhereTerm } from '../selection.js';
import { valueToText } from '../values.js';

type Part = { readonly literal: string } | { readonly field: string };

export interface KeyPattern {
  readonly parts: readonly Part[];
  /** Fields whose value sits in the key, in order of appearance. */
  readonly fields: readonly string[];
  /** Matches a whole key; group i captures the value of `fields[i]`. */
  readonly regex: RegExp;
  /** The literal parts carry glob characters of their own (`*`, `?`, `[`). */
  readonly wildcard: boolean;
  /**
   * The set per value of one placeholder that lists the keys (the manifest's `keyIndex`), if declared:
   * `customer_sessions:{customer_id}` names the set `customer_sessions:42` for the keys whose `customer_id` is 42.
   */
  readonly index?: KeyIndexParts | undefined;
}

/**
 * How to reach the keys a selection names: exact keys; the members of index sets; or a SCAN pattern. A key reached by an
 * index or a scan is checked against the selection's placeholder values (`accepts`).
 */
export type KeyPlan =
  | { readonly mode: 'keys'; readonly keys: readonly string[] }
  | { readonly mode: 'index'; readonly sets: readonly string[]; readonly accepts: (captures: ReadonlyMap<string, string>) => boolean }
  | { readonly mode: 'scan'; readonly match: string; readonly accepts: (captures: ReadonlyMap<string, string>) => boolean };

const GLOB_CHARS = /[*?[\]\\]/g;

/** Patterns by collection: every operation asks for its collection's, and a model's collections do not change. */
const parsedPatterns = new WeakMap<CollectionModel, KeyPattern>();

/**
 * Parses `collection.key` (and its `keyIndex`), once per collection. A placeholder names an identity of the collection
 * (then the field holding it) or a field. Placeholders match one key segment (no `:`).
 */
export function parseKeyPattern(collection: CollectionModel): KeyPattern {
  let pattern = parsedPatterns.get(collection);
  if (!pattern) parsedPatterns.set(collection, (pattern = parse(collection)));
  return pattern;
}

function parse(collection: CollectionModel): KeyPattern {
  const source = collection.key;
  if (!source) throw new CustosError({ code: 'invalid-input', message: `${collection.qualifiedName} has no Redis key pattern` });
  const parts: Part[] = [];
  let regex = '';
  for (const piece of source.split(/(\{[^{}]*\})/)) {
    if (piece === '') continue;
    if (piece.startsWith('{') && piece.endsWith('}')) {
      const name = checkIdentifier(piece.slice(1, -1), `placeholder of ${collection.qualifiedName}`);
      parts.push({ field: collection.identity.get(name) ?? name });
      regex += '([^:]+)';
    } else if (/[{}]/.test(piece)) {
      throw new CustosError({
        code: 'invalid-input',
        message: `${collection.qualifiedName}: unbalanced braces in key pattern "${source}"`,
      });
    } else {
      parts.push({ literal: piece });
      regex += globToRegex(piece);
    }
  }
  const fields = parts.flatMap((part) => ('field' in part ? [part.field] : []));
  const wildcard = parts.some((part) => 'literal' in part && /(^|[^\\])[*?[]/.test(part.literal));
  const index = parseKeyIndex(collection);
  return { parts, fields, regex: new RegExp(`^${regex}$`, 's'), wildcard, index };
}

/** The manifest's `keyIndex`, checked as the linter checks it (CUS044, reported there with its place in the manifest). */
function parseKeyIndex(collection: CollectionModel): KeyIndexParts | undefined {
  const checked = checkKeyIndex(collection);
  if (checked && 'problem' in checked) {
    const { why, fix } = checked.problem;
    throw new CustosError({
      code: 'invalid-input',
      message: `${collection.qualifiedName}: the key index cannot list its keys: ${why} (${fix})`,
    });
  }
  return checked?.parts;
}

/** The index set that lists `key` (one of the pattern's keys), or undefined when the pattern has no index. */
export function indexSetOf(pattern: KeyPattern, key: string): string | undefined {
  const { index } = pattern;
  const value = index ? captureKey(pattern, key)?.get(index.field) : undefined;
  return index && value !== undefined ? indexSet(index, value) : undefined;
}

/** The index set of one placeholder value (`customer_sessions:{customer_id}` and 42 → `customer_sessions:42`). */
function indexSet(index: KeyIndexParts, value: string): string {
  return index.before + value + index.after;
}

/** The key plan for the placeholder terms of a selection (terms on other fields are filtered after fetching). */
export function planKeys(pattern: KeyPattern, terms: readonly WhereTerm[]): KeyPlan {
  const bound = new Map<string, string[]>();
  for (const term of terms) {
    if (!pattern.fields.includes(term.field)) continue;
    const texts = term.values.map(valueToText).filter((text): text is string => text !== undefined && !text.includes(':'));
    const previous = bound.get(term.field);
    bound.set(term.field, previous ? previous.filter((text) => texts.includes(text)) : texts);
  }
  const combinations = [...bound.values()].reduce((product, texts) => product * texts.length, 1);
  if (combinations === 0) return { mode: 'keys', keys: [] };
  if (!pattern.wildcard && pattern.fields.every((field) => bound.has(field))) {
    return { mode: 'keys', keys: expand(pattern, bound, (text) => text) };
  }
  const accepts = (captures: ReadonlyMap<string, string>) =>
    [...bound].every(([field, texts]) => texts.includes(captures.get(field) ?? ''));
  const { index } = pattern;
  const indexed = index && bound.get(index.field);
  if (index && indexed) return { mode: 'index', sets: indexed.map((text) => indexSet(index, text)), accepts };
  const match = combinations === 1 ? expand(pattern, bound, escapeGlob)[0]! : expand(pattern, new Map(), escapeGlob)[0]!;
  return { mode: 'scan', match, accepts };
}

/** Values of the placeholder fields in `key`, or undefined when the key does not fit the pattern. */
export function captureKey(pattern: KeyPattern, key: string): Map<string, string> | undefined {
  const match = pattern.regex.exec(key);
  if (!match) return undefined;
  return new Map(pattern.fields.map((field, index) => [field, match[index + 1] ?? '']));
}

/** Every key (or glob) the bound values spell; unbound placeholders become `*`. */
function expand(pattern: KeyPattern, bound: ReadonlyMap<string, readonly string[]>, escape: (text: string) => string): string[] {
  let keys = [''];
  for (const part of pattern.parts) {
    if ('literal' in part) keys = keys.map((key) => key + part.literal);
    else {
      const texts = bound.get(part.field);
      keys = texts ? keys.flatMap((key) => texts.map((text) => key + escape(text))) : keys.map((key) => `${key}*`);
    }
  }
  return keys;
}

/** Escapes a value for a SCAN MATCH pattern. */
export function escapeGlob(text: string): string {
  return text.replace(GLOB_CHARS, (char) => `\\${char}`);
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]!);
    else if (char === '*') out += '.*';
    else if (char === '?') out += '.';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += escapeRegex(char);
  }
  return out;
}

function escapeRegex(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** True when `value` (a Value from a selection) is among `texts` as Redis stores it. */
export function textIn(text: string | undefined, values: readonly Value[]): boolean {
  return values.some((value) => (value === null ? text === undefined : valueToText(value) === text));
}
