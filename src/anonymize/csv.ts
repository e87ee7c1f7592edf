// An RFC 4180 reader for the files `custos anonymize check` and generalisation hierarchies read: quoted fields with
// doubled quotes and line breaks, CRLF or LF, a byte-order mark; every malformed row named by file:line.
import { CustosError } from '../errors.js';

/** A CSV file read: its header and its rows (cells as text), each row with the line it starts on. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The 1-based line each row starts on (a quoted line break makes a row span lines). */
  readonly lines: readonly number[];
}

export interface CsvOptions {
  /** The field separator, one character (default `,`). */
  readonly delimiter?: string;
  /** How errors name the file (default `input`). */
  readonly source?: string;
  /** Whether the first row is a header (default true); without one, `header` is empty and rows may vary in length. */
  readonly header?: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Reads CSV text. Blank lines are skipped; every other row must have as many fields as the header. Throws `invalid-input`
 * naming `source:line` and what is wrong, never the row's content (it may be personal data).
 */
export function readCsv(text: string, options: CsvOptions = {}): CsvTable {
  const delimiter = options.delimiter ?? ',';
  const source = options.source ?? 'input';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')
    throw new CustosError({
      code: 'invalid-input',
      message: `${source}: the CSV delimiter must be one character other than a quote or line break`,
    });
  const sep = delimiter.charCodeAt(0);
  const fail = (line: number, what: string): never => {
    throw new CustosError({ code: 'invalid-input', message: `${source}:${line}: ${what}`, details: { file: source, line } });
  };
  const records: string[][] = [];
  const lines: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const code = text.charCodeAt(i);
    if (code === LF || code === CR) {
      // A blank line: skipped.
      i += code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        let start = i + 1;
        let value = '';
        for (;;) {
          const close = text.indexOf('"', start);
          if (close < 0) fail(startLine, 'a quoted field is never closed (a `"` is missing)');
          for (let j = start; j < close; j++) if (text.charCodeAt(j) === LF) line++;
          value += text.slice(start, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            start = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        const next = text.charCodeAt(i);
        if (i < n && next !== sep && next !== LF && next !== CR)
          fail(line, `text after a closing quote: a field is either quoted whole or not at all (field ${cells.length + 1})`);
        cell = value;
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === sep || c === LF || c === CR) break;
          if (c === QUOTE)
            fail(line, `a quote inside an unquoted field (field ${cells.length + 1}): quote the whole field and double the quote`);
          i++;
        }
        cell = text.slice(start, i);
      }
      cells.push(cell);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === sep) {
        i++;
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push(cells);
    lines.push(startLine);
  }
  if (options.header === false) return Object.freeze({ header: [], rows: records, lines });
  const header = records.shift();
  const headerLine = lines.shift();
  if (header === undefined || headerLine === undefined) return fail(1, 'the file is empty: a header line naming the columns is expected');
  const seen = new Set<string>();
  for (const name of header) {
    if (name.trim() === '') fail(headerLine, 'a column of the header has no name');
    if (seen.has(name)) fail(headerLine, `the header names column "${name}" twice`);
    seen.add(name);
  }
  for (let r = 0; r < records.length; r++) {
    const length = records[r]?.length ?? 0;
    if (length !== header.length) fail(lines[r] ?? 0, `${length} field${length === 1 ? '' : 's'} where the header has ${header.length}`);
  }
  return Object.freeze({ header, rows: records, lines });
}
