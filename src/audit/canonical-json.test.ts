// Canonical JSON: the same content gives the same text whatever the key order, and values without one fixed text are refused.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('orders keys by UTF-16 code units and escapes strings as JSON.stringify does (RFC 8785 for this value space)', () => {
    // "é" (U+00E9) sorts after "z"; an astral character (surrogates D8xx) before U+FB33; uppercase before lowercase.
    expect(canonicalJson({ z: 1, é: 2, B: 3, '\u{1F600}': 4, '\uFB33': 5 })).toBe('{"B":3,"z":1,"é":2,"\u{1F600}":4,"\uFB33":5}');
    expect(canonicalJson('line\nquote" tab\t\u0001')).toBe('"line\\nquote\\" tab\\t\\u0001"');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('refuses values without one fixed text: fractions, NaN, undefined, Dates, cycles', () => {
    expect(() => canonicalJson(1.5)).toThrow('1.5 is not a safe integer');
    expect(() => canonicalJson(Number.NaN)).toThrow('NaN is not a safe integer');
    expect(() => canonicalJson(2 ** 60)).toThrow('is not a safe integer');
    expect(() => canonicalJson({ a: undefined } as never)).toThrow('a undefined has no JSON text');
    expect(() => canonicalJson(new Date(0) as never)).toThrow('only plain objects and arrays');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle as never)).toThrow('nested deeper than 32 levels');
  });
});
