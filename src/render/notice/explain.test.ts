// `custos notice --explain`: every piece of both samples' notices is traced to the exact manifest line it was written from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicyFolder, type Language } from '../../policy/index.js';
import { explainNotice, explanationText, type NoticeExplanation } from './explain.js';

const SAMPLES = {
  'nimbus-cloud': { dir: fileURLToPath(new URL('../../../examples/nimbus-cloud/privacy/', import.meta.url)), langs: ['en', 'fr'] },
  'boreal-hebergement': {
    dir: fileURLToPath(new URL('../../../examples/boreal-hebergement/privacy/', import.meta.url)),
    langs: ['fr-CA', 'en'],
  },
} as const satisfies Record<string, { dir: string; langs: readonly Language[] }>;

function explain(sample: keyof typeof SAMPLES, lang: Language): NoticeExplanation {
  const result = compilePolicyFolder(SAMPLES[sample].dir, { now: new Date('2026-11-23T00:00:00Z') });
  if (!result.model || !result.sources) throw new Error(`${sample} did not compile`);
  return explainNotice(result.model, result.sources, { lang });
}

/** The 1-based line of the first line of `file` matching `pattern`. */
function lineOf(sample: keyof typeof SAMPLES, file: string, pattern: RegExp): number {
  const index = readFileSync(join(SAMPLES[sample].dir, file), 'utf8')
    .split('\n')
    .findIndex((l) => pattern.test(l));
  if (index < 0) throw new Error(`${pattern} not in ${file}`);
  return index + 1;
}

describe.each(
  Object.entries(SAMPLES).flatMap(([name, s]) =>
    s.langs.map((lang): [keyof typeof SAMPLES, Language] => [name as keyof typeof SAMPLES, lang]),
  ),
)('the notice of %s in %s', (sample, lang) => {
  const explanation = explain(sample, lang);

  it('has no piece without a source in the manifest', () => {
    const untraced = explanation.pieces.filter((p) => p.sources.length === 0).map((p) => `${p.where.join(' > ')} > ${p.kind}: ${p.text}`);
    expect(untraced).toEqual([]);
    expect(explanation.untraced).toBe(0);
    expect(explanation.pieces.length).toBeGreaterThan(40);
  });

  it('points at paths the manifest holds, not at the nearest section', () => {
    const loose = explanation.pieces.flatMap((p) => p.sources.filter((s) => !s.exact).map((s) => `${p.text} ← ${s.path}`));
    expect(loose).toEqual([]);
  });
});

describe('an explained piece', () => {
  it('names the file and line of what it says: a purpose’s description, a retention period, the authority', () => {
    const e = explain('boreal-hebergement', 'en');
    const find = (text: string) => {
      const piece = e.pieces.find((p) => p.kind !== 'heading' && p.text.includes(text));
      if (!piece) throw new Error(`no piece says "${text}"`);
      return piece.sources.map((s) => `${s.location.file.split('/').pop()}:${s.location.line}`);
    };
    expect(find('To invoice our services and collect payments.')).toContain(
      `processing.yaml:${lineOf('boreal-hebergement', 'processing.yaml', /To invoice our services/) - 2}`,
    );
    expect(find("Commission d'accès à l'information du Québec")).toContain(
      `organization.yaml:${lineOf('boreal-hebergement', 'organization.yaml', /^ {4}cai:/)}`,
    );
  });

  it('is listed one per line with its file:line in the text form, and the summary says every piece is traced', () => {
    const text = explanationText(explain('nimbus-cloud', 'en'));
    expect(text).toMatch(/¶ .+\n\s+← .*purposes\.yaml:\d+ purposes\.\w/);
    expect(text).toMatch(/notice \(en\): \d+ pieces, each traced to the manifest\n$/);
  });
});
