// A small seeded PRNG (sfc32): the same (seed, stream, id) always draws the same numbers, far cheaper than faker per row.

const HEX = '0123456789abcdef';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Independent draw sequences, so that adding a column to one dataset does not reshuffle the others. */
export const STREAMS = {
  identity: 1,
  accounts: 2,
  telemetry: 3,
  sessions: 4,
  recruitment: 5,
  prospects: 6,
  /** The context a satisfaction survey records (plan, team size, region): drawn apart so the other rows stay as they were. */
  surveys: 7,
} as const;

/** splitmix32: spreads nearby integers (customer 41, 42…) into unrelated seeds. */
function mix(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** FNV-1a over the code points of `text`: 32 bits that spread short names and seeds. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 0x01000193);
  return h >>> 0;
}

/** A whole number written as text (`--seed 7` on the command line): the same seed as the number. */
const WHOLE_NUMBER = /^-?\d+$/;

/** Turns a seed given as text or number into 32 bits; `'7'` and `7` give the same bits. */
export function seedNumber(seed: number | string): number {
  const value = typeof seed === 'string' && WHOLE_NUMBER.test(seed) ? Number(seed) : seed;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return (mix(value | 0) ^ mix(Math.floor(value / 2 ** 32))) >>> 0;
  return fnv1a(String(seed));
}

export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number, stream: number, id: number) {
    this.#a = mix(seed);
    this.#b = mix(this.#a ^ stream);
    this.#c = mix(this.#b ^ id);
    this.#d = mix(this.#c ^ Math.floor(id / 2 ** 32));
    for (let i = 0; i < 8; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** Picks by weight: `weighted([['a', 3], ['b', 1]])` draws a three times out of four. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  }

  /** A small count around `mean` (Poisson by inversion; fine for the means of a few rows per customer). */
  count(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[this.uint32() & 15];
    return out;
  }

  base64(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += BASE64[this.uint32() & 63];
    return out;
  }

  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.int(10));
    return out;
  }
}
