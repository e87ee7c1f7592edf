// Colours of the data map: one per data class, colour-blind-safe hues, each at ≥ 4.5:1 against white for text.
import type { DataClass } from '../../policy/index.js';

/** A category's class, or `unclassified` when a field names a category the taxonomy does not define. */
export type MapClass = DataClass | 'unclassified';

/** Legend order: the classes from the least to the most protected, then the anomaly. */
export const MAP_CLASSES = ['low', 'medium', 'high', 'special', 'forbidden', 'unclassified'] as const satisfies readonly MapClass[];

export interface ClassStyle {
  readonly label: string;
  /** Box background. */
  readonly fill: string;
  /** Accent: stripe, border, edges, and the class tag's text on white. */
  readonly stroke: string;
  /** Text drawn on `fill`. */
  readonly text: string;
  /** Lines into a category of this class. */
  readonly line: string;
}

/** Hues after Okabe & Ito (blue, amber, vermillion, purple), darkened until tags reach 4.5:1 on white. */
export const CLASS_STYLES: Readonly<Record<MapClass, ClassStyle>> = Object.freeze({
  low: { label: 'Low', fill: '#E3F0FA', stroke: '#0072B2', text: '#1B2430', line: '#0072B2' },
  medium: { label: 'Medium', fill: '#FFF1CC', stroke: '#9A6700', text: '#1B2430', line: '#9A6700' },
  high: { label: 'High', fill: '#FBE2D3', stroke: '#B84A00', text: '#1B2430', line: '#B84A00' },
  special: { label: 'Special', fill: '#EFE3F4', stroke: '#7B3294', text: '#1B2430', line: '#7B3294' },
  // Never in a clean manifest: drawn solid red with white text, and red lines into it, so it cannot be missed.
  forbidden: { label: 'Forbidden', fill: '#C8102E', stroke: '#5C0011', text: '#FFFFFF', line: '#C8102E' },
  unclassified: { label: 'Unclassified', fill: '#ECEEF1', stroke: '#595F6B', text: '#1B2430', line: '#595F6B' },
});

/** Neutral ink of the picture. */
export const INK = Object.freeze({
  text: '#1B2430',
  muted: '#5A6272',
  datasetFill: '#F6F7F9',
  datasetStroke: '#9AA3B2',
  collectionFill: '#FFFFFF',
  collectionStroke: '#6B7385',
  identityFill: '#1F3A5F',
  identityText: '#FFFFFF',
  reference: '#3D4350',
  background: '#FFFFFF',
});
