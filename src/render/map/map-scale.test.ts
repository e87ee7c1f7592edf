// The data map stays legible for a large provider: 4 datastores × 20 collections, 50 categories, trees of references.
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDataMap, type DataMap, type DataMapNode } from './index.js';
import { compileFixture, largeManifest } from './fixture.test-support.js';
import { CATEGORY, COLLECTION, DATASET, FONTS } from './geometry.js';
import { findOverlaps, parseSvg } from './inspect.test-support.js';
import { estimateTextWidth } from './text-metrics.js';

/** Room the drawing leaves for a node's first and second lines (see svg-nodes.ts). */
function textRoom(n: DataMapNode): { label: number; detail: number } {
  switch (n.kind) {
    case 'dataset':
      return {
        label: n.width - 2 * DATASET.padding,
        detail: n.width - 2 * DATASET.padding - estimateTextWidth(n.label, FONTS.dataset) - DATASET.gap,
      };
    case 'collection':
      return { label: n.width - 2 * COLLECTION.padding, detail: n.width - 2 * COLLECTION.padding };
    case 'category': {
      const inner = n.width - CATEGORY.paddingLeft - CATEGORY.paddingRight;
      return {
        label: inner - CATEGORY.tagGap - estimateTextWidth((n.class ?? '').toUpperCase(), FONTS.tag) - 2 * CATEGORY.tagPadding,
        detail: inner,
      };
    }
  }
}

describe('renderDataMap on a large manifest', () => {
  let map: DataMap;
  let svg: string;

  beforeAll(async () => {
    const model = compileFixture(largeManifest(4, 20, 50));
    [map, svg] = await Promise.all([renderDataMap(model, { format: 'json' }).then((j) => JSON.parse(j) as DataMap), renderDataMap(model)]);
  });

  it('draws every dataset, collection and held category', () => {
    const count = (kind: DataMapNode['kind']): number => map.nodes.filter((n) => n.kind === kind).length;
    expect([count('dataset'), count('collection'), count('category')]).toEqual([4, 80, 51]);
    expect(() => parseSvg(svg)).not.toThrow();
  });

  it('places no box over another', () => {
    expect(findOverlaps(map)).toEqual([]);
  });

  it('fits every label in its box, shortening long ones with an ellipsis that the tooltip spells out', () => {
    const fonts = {
      dataset: [FONTS.dataset, FONTS.datasetDetail],
      collection: [FONTS.collection, FONTS.collectionDetail],
      category: [FONTS.category, FONTS.categoryKey],
    } as const;
    for (const n of map.nodes) {
      const room = textRoom(n);
      const [labelFont, detailFont] = fonts[n.kind];
      expect(estimateTextWidth(n.label, labelFont), n.id).toBeLessThanOrEqual(room.label);
      expect(estimateTextWidth(n.detail, detailFont), n.id).toBeLessThanOrEqual(room.detail);
    }
    const long = map.nodes.filter((n) => n.label.endsWith('…'));
    expect(long.length).toBeGreaterThan(0);
    for (const n of long) expect(n.tooltip).toMatch(/A rather long generated category label of many words \d+/);
  });

  it('grows downwards rather than sideways, so it reads on a screen at full size', () => {
    expect(map.width).toBeLessThan(1600);
    expect(map.height).toBeGreaterThan(map.width);
  });

  it('runs reference lines in lanes left of the collections, never through a box', () => {
    const collections = map.nodes.filter((n) => n.kind === 'collection');
    const references = map.edges.filter((e) => e.kind === 'references');
    expect(references).toHaveLength(4 * 19 + 3);
    for (const e of references) {
      const [, a, b] = e.points;
      expect(a && b && a.x === b.x, e.id).toBe(true);
      const x = a?.x ?? 0;
      const [low, high] = [Math.min(a?.y ?? 0, b?.y ?? 0), Math.max(a?.y ?? 0, b?.y ?? 0)];
      const crossed = collections.filter((c) => x > c.x && x < c.x + c.width && c.y < high && c.y + c.height > low);
      expect(
        crossed.map((c) => c.id),
        e.id,
      ).toEqual([]);
    }
  });
});
