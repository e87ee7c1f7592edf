import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.js';

describe('readCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF and a byte-order mark', () => {
    const table = readCsv('\uFEFFname,comment\r\n"Doe, Ada","said ""hi""\nthen left"\r\n\r\nBob,\n', { source: 'people.csv' });
    expect(table.header).toEqual(['name', 'comment']);
    expect(table.rows).toEqual([
      ['Doe, Ada', 'said "hi"\nthen left'],
      ['Bob', ''],
    ]);
    expect(table.lines).toEqual([2, 5]);
  });

  it('names the file and line of a row with the wrong number of fields, not its content', () => {
    expect(() => readCsv('a,b\n1,2\n"x\ny",2,secret@example.com\n', { source: 'f.csv' })).toThrow(
      /^f\.csv:3: 3 fields where the header has 2$/,
    );
  });

  it('names the line of an unclosed quote, a stray quote and text after a closing quote', () => {
    expect(() => readCsv('a,b\n1,2\n3,"open\n', { source: 'f.csv' })).toThrow(/^f\.csv:3: a quoted field is never closed/);
    expect(() => readCsv('a,b\n1,x"y\n', { source: 'f.csv' })).toThrow(/^f\.csv:2: a quote inside an unquoted field \(field 2\)/);
    expect(() => readCsv('a,b\n"1"x,2\n', { source: 'f.csv' })).toThrow(/^f\.csv:2: text after a closing quote/);
    expect(() => readCsv('', { source: 'f.csv' })).toThrow(/^f\.csv:1: the file is empty/);
    expect(() => readCsv('a,a\n1,2\n', { source: 'f.csv' })).toThrow(/^f\.csv:1: the header names column "a" twice/);
  });

  it('reads what a maintained RFC 4180 parser reads, on generated awkward files', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pieces = ['a', 'é', ' ', ',', '"', '\n', '\r\n', 'x y', ''];
    for (let file = 0; file < 50; file++) {
      const rows = Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
        Array.from({ length: 3 }, () =>
          Array.from({ length: Math.floor(next() * 4) }, () => pieces[Math.floor(next() * pieces.length)]).join(''),
        ),
      );
      const text = [['c1', 'c2', 'c3'], ...rows]
        .map((cells) => cells.map((c) => (/[",\r\n]/.test(c) || next() < 0.2 ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
        .join(next() < 0.5 ? '\n' : '\r\n');
      const expected = parse(text, { skip_empty_lines: true, relax_column_count: false }) as string[][];
      const ours = readCsv(text);
      expect([ours.header, ...ours.rows]).toEqual(expected);
    }
  });
});
