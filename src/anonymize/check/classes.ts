// Equivalence classes: rows grouped by their quasi-identifiers from interned codes. As many columns as fit are combined into
// one mixed-radix integer per row and renumbered densely (a flat table when small, else a hash table of integers), so no
// per-row string is ever built and most tables take one pass.
import type { ColumnCodes } from './columns.js';

/** Each row's class (`classOf[row]`) and each class's size. */
export interface EquivalenceClasses {
  readonly classOf: Int32Array;
  readonly sizes: Int32Array;
}

const INT32_KEYS = 0x7fffffff;

export function equivalenceClasses(quasi: readonly ColumnCodes[], rows: number): EquivalenceClasses {
  let classOf: Int32Array = new Int32Array(rows);
  let classes = rows === 0 ? 0 : 1;
  let i = 0;
  while (i < quasi.length) {
    // Take the next columns while (class, value, value…) still fits one 31-bit integer.
    let product = Math.max(classes, 1);
    let j = i;
    while (j < quasi.length && product * Math.max((quasi[j] as ColumnCodes).values.length, 1) <= INT32_KEYS) {
      product *= Math.max((quasi[j] as ColumnCodes).values.length, 1);
      j++;
    }
    const next = j === i ? renumberPairs(classOf, quasi[i] as ColumnCodes) : renumber(mixedRadix(classOf, quasi.slice(i, j)), product);
    classOf = next.classOf;
    classes = next.classes;
    i = j === i ? i + 1 : j;
  }
  const sizes = new Int32Array(classes);
  for (let r = 0; r < rows; r++) {
    const c = classOf[r] as number;
    sizes[c] = (sizes[c] as number) + 1;
  }
  return { classOf, sizes };
}

function mixedRadix(classOf: Int32Array, columns: readonly ColumnCodes[]): Int32Array {
  const key = Int32Array.from(classOf);
  for (const column of columns) {
    const width = column.values.length;
    const { codes } = column;
    for (let r = 0; r < key.length; r++) key[r] = (key[r] as number) * width + (codes[r] as number);
  }
  return key;
}

/** Dense ids, in order of first appearance, for keys below `range`. */
function renumber(key: Int32Array, range: number): { classOf: Int32Array; classes: number } {
  const rows = key.length;
  const out = new Int32Array(rows);
  let next = 0;
  if (range <= Math.max(1 << 16, rows * 4)) {
    const table = new Int32Array(range).fill(-1);
    for (let r = 0; r < rows; r++) {
      const k = key[r] as number;
      let id = table[k] as number;
      if (id < 0) table[k] = id = next++;
      out[r] = id;
    }
    return { classOf: out, classes: next };
  }
  const { mask, ids, keys } = hashTable(rows);
  for (let r = 0; r < rows; r++) {
    const k = key[r] as number;
    let slot = Math.imul(k, 0x9e3779b1) & mask;
    for (;;) {
      const id = ids[slot] as number;
      if (id < 0) {
        ids[slot] = next;
        keys[slot] = k;
        out[r] = next++;
        break;
      }
      if (keys[slot] === k) {
        out[r] = id;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { classOf: out, classes: next };
}

/** One column too wide to share an integer with the classes so far: (class, code) pairs hashed as two integers. */
function renumberPairs(classOf: Int32Array, column: ColumnCodes): { classOf: Int32Array; classes: number } {
  const rows = classOf.length;
  const out = new Int32Array(rows);
  const { codes } = column;
  const { mask, ids, keys } = hashTable(rows);
  const codeKeys = new Int32Array(ids.length);
  let next = 0;
  for (let r = 0; r < rows; r++) {
    const c = classOf[r] as number;
    const v = codes[r] as number;
    let slot = (Math.imul(c, 0x9e3779b1) ^ Math.imul(v + 1, 0x85ebca77)) & mask;
    for (;;) {
      const id = ids[slot] as number;
      if (id < 0) {
        ids[slot] = next;
        keys[slot] = c;
        codeKeys[slot] = v;
        out[r] = next++;
        break;
      }
      if (keys[slot] === c && codeKeys[slot] === v) {
        out[r] = id;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { classOf: out, classes: next };
}

/** An open-addressing table with room for `entries` at most half full. */
function hashTable(entries: number): { mask: number; ids: Int32Array; keys: Int32Array } {
  let capacity = 1024;
  while (capacity < entries * 2) capacity *= 2;
  return { mask: capacity - 1, ids: new Int32Array(capacity).fill(-1), keys: new Int32Array(capacity) };
}
