// Generalisation hierarchies in the common CSV form (ARX's): one line per value, `value;level1;level2;…;*`, coarser to the right.
import { CustosError } from '../errors.js';
import { readCsv } from './csv.js';

/** A hierarchy read once: each value's chain of generalisations, level 0 being the value itself. */
export interface Hierarchy {
  /** Levels, counting the value itself (a line `30;30-39;*` has 3). */
  readonly levels: number;
  /**
   * The value at `level` (0: unchanged; `levels - 1`: the top, usually `*`). A value the hierarchy does not list is
   * suppressed (`*`): what nobody planned for is not left identifying.
   */
  generalise(value: unknown, level: number): string;
}

/** Reads a hierarchy (semicolon-separated by default; no header). Every line must have the same number of levels. */
export function readHierarchy(text: string, options: { readonly source?: string; readonly delimiter?: string } = {}): Hierarchy {
  const source = options.source ?? 'hierarchy';
  const table = readCsv(text, { delimiter: options.delimiter ?? ';', source, header: false });
  const first = table.rows[0];
  if (first === undefined)
    throw new CustosError({
      code: 'invalid-input',
      message: `${source}: the hierarchy is empty; write one line per value: value;level1;…;*`,
    });
  const levels = first.length;
  const chains = new Map<string, readonly string[]>();
  table.rows.forEach((row, r) => {
    const line = table.lines[r] ?? 0;
    if (row.length !== levels)
      throw new CustosError({
        code: 'invalid-input',
        message: `${source}:${line}: ${row.length} levels where the first line has ${levels}; every value needs the same levels`,
        details: { file: source, line },
      });
    const value = row[0] ?? '';
    if (chains.has(value))
      throw new CustosError({ code: 'invalid-input', message: `${source}:${line}: a value listed twice`, details: { file: source, line } });
    chains.set(value, Object.freeze([...row]));
  });
  return Object.freeze({
    levels,
    generalise(value: unknown, level: number): string {
      if (!Number.isInteger(level) || level < 0 || level >= levels)
        throw new CustosError({
          code: 'invalid-input',
          message: `${source}: level ${level} does not exist; this hierarchy has levels 0 (the value) to ${levels - 1}`,
        });
      const text = value === null || value === undefined ? '' : String(value);
      return chains.get(text)?.[level] ?? (level === 0 ? text : '*');
    },
  });
}

/** Checks a level against a hierarchy once, where an operator is declared. */
export function checkHierarchyLevel(hierarchy: Hierarchy, level: number, where: string): number {
  if (!Number.isInteger(level) || level < 0 || level >= hierarchy.levels)
    throw new CustosError({
      code: 'invalid-input',
      message: `${where}: level ${level} does not exist; the hierarchy has levels 0 (the value) to ${hierarchy.levels - 1}`,
    });
  return level;
}
