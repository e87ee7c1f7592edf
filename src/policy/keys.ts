// Redis key patterns as the manifest writes them: their placeholders, and what makes a key index usable. The linter
// reports these problems with their place in the manifest; the Redis connector refuses the same ones at run time.
import type { CollectionModel } from './model.js';

/** The names in braces of a key pattern (`session:{customer_id}:{id}` → customer_id, id). */
export function keyPlaceholders(pattern: string | undefined): string[] {
  return pattern === undefined ? [] : [...pattern.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!);
}

/** A usable `keyIndex`: the text around its one placeholder, and the field that placeholder stands for. */
export interface KeyIndexParts {
  readonly before: string;
  readonly field: string;
  readonly after: string;
}

export type KeyIndexCheck = { readonly parts: KeyIndexParts } | { readonly problem: { readonly why: string; readonly fix: string } };

/**
 * Checks a collection's `keyIndex` (undefined when it declares none): a set per value of one placeholder of `key`, named
 * exactly (no glob character, no stray brace), the placeholder being one of the key's (an identity stands for its field).
 */
export function checkKeyIndex(c: CollectionModel): KeyIndexCheck | undefined {
  if (c.keyIndex === undefined) return undefined;
  if (c.key === undefined) {
    return { problem: { why: 'the collection declares no key pattern', fix: 'declare key: too, e.g. "session:{customer_id}:{id}"' } };
  }
  const pieces = c.keyIndex.split(/\{([^{}]*)\}/);
  if (pieces.length !== 3) {
    const count = (pieces.length - 1) / 2;
    return { problem: { why: `"${c.keyIndex}" has ${count} placeholders, not one`, fix: 'keep one placeholder of key in braces' } };
  }
  const [before, name, after] = pieces as [string, string, string];
  const fieldOf = (placeholder: string) => c.identity.get(placeholder) ?? placeholder;
  const keyNames = keyPlaceholders(c.key);
  if (!keyNames.map(fieldOf).includes(fieldOf(name))) {
    const fix = `use one of ${keyNames.map((p) => `{${p}}`).join(', ')}`;
    return { problem: { why: `{${name}} is not a placeholder of the key "${c.key}"`, fix } };
  }
  if (/[{}*?[\]\\]/.test(before + after)) {
    return {
      problem: { why: `"${c.keyIndex}" holds a glob character or a stray brace`, fix: 'remove *, ?, [, ], \\ and braces around no name' },
    };
  }
  return { parts: { before, field: fieldOf(name), after } };
}
