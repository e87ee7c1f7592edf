// Rewrites a manifest with the same meaning in another order: mapping keys shuffled at every depth, sections and
// identities spread over files whose names come in shuffled order. Lists keep their order (it is part of their meaning).
import { parse, stringify } from 'yaml';
/** One manifest file, as the compiler takes it. */
export interface ManifestFile {
  readonly path: string;
  readonly text: string;
}

/** A small seeded generator (mulberry32), so every run tries the same permutations. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface Shuffled {
  /** Shuffle the keys of every mapping (sections, collections, fields, field properties…). */
  readonly keys: boolean;
  /** Spread sections (and identities, entry by entry) over several files, in shuffled order. */
  readonly files: boolean;
}

function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== 'object') return value;
  const entries = shuffle(Object.entries(value as Record<string, unknown>), random);
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
}

/** The manifest texts as one or more files with the same meaning, in another order. */
export function permuteManifest(texts: readonly string[], random: () => number, how: Shuffled): ManifestFile[] {
  const sections: [string, unknown][] = texts.flatMap((t) => Object.entries(parse(t) as Record<string, unknown>));
  const count = how.files ? 1 + Math.floor(random() * 4) : 1;
  const docs: Record<string, unknown>[] = Array.from({ length: count }, () => ({}));
  const pick = () => docs[Math.floor(random() * count)] as Record<string, unknown>;
  for (const [section, body] of how.files ? shuffle(sections, random) : sections) {
    if (section === 'identities' && count > 1) {
      // Entry by entry, as the loader allows for identities.
      for (const [key, identity] of Object.entries(body as Record<string, unknown>)) {
        const doc = pick();
        doc.identities = { ...(doc.identities as object | undefined), [key]: identity };
      }
      continue;
    }
    pick()[section] = body;
  }
  const names = shuffle(
    docs.map((_, i) => `part-${String.fromCharCode(97 + i)}.yaml`),
    how.files ? random : () => 0,
  );
  return docs
    .map((doc, i) => ({ path: names[i] as string, text: stringify(how.keys ? shuffleKeys(doc, random) : doc) }))
    .filter((f) => f.text.trim() !== '{}')
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}
