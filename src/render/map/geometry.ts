// Box geometry of the data map: fonts, paddings and the sizes they imply, shared by the layout and the drawing.
import { estimateTextWidth, fitText, type TextFont } from './text-metrics.js';

export const FONTS = Object.freeze({
  title: { size: 20, style: 'bold' },
  subtitle: { size: 12, style: 'regular' },
  legend: { size: 11.5, style: 'regular' },
  dataset: { size: 14, style: 'bold' },
  datasetDetail: { size: 11, style: 'regular' },
  collection: { size: 13, style: 'bold' },
  collectionDetail: { size: 11, style: 'regular' },
  identity: { size: 10, style: 'bold' },
  category: { size: 12, style: 'bold' },
  categoryKey: { size: 10.5, style: 'mono' },
  tag: { size: 8.5, style: 'bold' },
} as const satisfies Record<string, TextFont>);

/** Longest a label may be drawn before it is shortened (the tooltip keeps it whole). */
export const MAX_LABEL_WIDTH = 280;

export const DATASET = Object.freeze({ header: 40, padding: 14, baseline: 25, gap: 8, radius: 10 });

export const COLLECTION = Object.freeze({
  padding: 10,
  nameBaseline: 21,
  detailBaseline: 36,
  badgeTop: 45,
  badgeHeight: 16,
  badgePadding: 6,
  badgeGap: 4,
  heightPlain: 46,
  heightWithBadges: 69,
  minWidth: 130,
  radius: 6,
});

export const CATEGORY = Object.freeze({
  stripe: 5,
  paddingLeft: 14,
  paddingRight: 10,
  labelBaseline: 18,
  keyBaseline: 34,
  tagTop: 7,
  tagHeight: 14,
  tagPadding: 5,
  tagGap: 10,
  height: 44,
  minWidth: 150,
  radius: 5,
});

/** Vertical lanes left of the collections where reference edges run, nearest first. */
export const LANE = Object.freeze({ first: 10, gap: 7, max: 8, margin: 6 });

/** Room left of a dataset's collections for `references` lanes (at most `LANE.max` lanes wide; more lanes squeeze). */
export function laneGutter(references: number): number {
  return references === 0 ? 0 : LANE.first + (Math.min(references, LANE.max) - 1) * LANE.gap + LANE.margin;
}

export interface BoxSize {
  readonly width: number;
  readonly height: number;
}

/** Shortens a label to the drawable maximum. */
export function fitLabel(text: string, font: TextFont): string {
  return fitText(text, MAX_LABEL_WIDTH, font);
}

/** Width of one identity badge (a pill holding the identity key). */
export function badgeWidth(identity: string): number {
  return estimateTextWidth(identity, FONTS.identity) + 2 * COLLECTION.badgePadding;
}

/** Width of the class tag in a category's top-right corner. */
export function tagWidth(text: string): number {
  return estimateTextWidth(text, FONTS.tag) + 2 * CATEGORY.tagPadding;
}

export function collectionSize(label: string, detail: string, identities: readonly string[]): BoxSize {
  const badges = identities.reduce((sum, id, i) => sum + badgeWidth(id) + (i > 0 ? COLLECTION.badgeGap : 0), 0);
  const content = Math.max(estimateTextWidth(label, FONTS.collection), estimateTextWidth(detail, FONTS.collectionDetail), badges);
  return {
    width: Math.max(COLLECTION.minWidth, content + 2 * COLLECTION.padding),
    height: identities.length > 0 ? COLLECTION.heightWithBadges : COLLECTION.heightPlain,
  };
}

export function categorySize(label: string, key: string, tag: string): BoxSize {
  const line1 = estimateTextWidth(label, FONTS.category) + CATEGORY.tagGap + tagWidth(tag);
  const content = Math.max(line1, estimateTextWidth(key, FONTS.categoryKey));
  return { width: Math.max(CATEGORY.minWidth, CATEGORY.paddingLeft + content + CATEGORY.paddingRight), height: CATEGORY.height };
}

/** Smallest dataset box that shows its header; the layout grows it around its collections. */
export function datasetMinSize(label: string, detail: string): BoxSize {
  const header = estimateTextWidth(label, FONTS.dataset) + DATASET.gap + estimateTextWidth(detail, FONTS.datasetDetail);
  return { width: header + 2 * DATASET.padding, height: DATASET.header + DATASET.padding };
}
