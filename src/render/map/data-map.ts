// The data map as data: positioned nodes and edges, the form behind both the SVG and the `json` output.
import type { MapClass } from './palette.js';

export const DATA_MAP_FORMATS = ['svg', 'json'] as const;
export type DataMapFormat = (typeof DATA_MAP_FORMATS)[number];

export type DataMapNodeKind = 'dataset' | 'collection' | 'category';

export interface DataMapPoint {
  readonly x: number;
  readonly y: number;
}

export interface DataMapNode {
  /** `dataset:<id>`, `collection:<dataset>.<collection>` or `category:<key>`. */
  readonly id: string;
  readonly kind: DataMapNodeKind;
  /** First line as drawn (shortened with an ellipsis when too long; the tooltip has it whole). */
  readonly label: string;
  /** Second line: store kind, field count, or category key. */
  readonly detail: string;
  /** Categories only. */
  readonly class?: MapClass | undefined;
  /** Collections only: the dataset node that contains it. */
  readonly parent?: string | undefined;
  /** Collections only: identity keys a rights request can start from here. */
  readonly identities: readonly string[];
  readonly tooltip: string;
  /** Top-left corner and size, in the coordinates of the graph area (origin at its top-left). */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** `holds`: a collection has fields of a category. `references`: a request walks from the referenced collection to the referencing one. */
export type DataMapEdgeKind = 'holds' | 'references';

export interface DataMapEdge {
  readonly id: string;
  readonly kind: DataMapEdgeKind;
  readonly source: string;
  readonly target: string;
  /** `holds` edges: the class of the category. */
  readonly class?: MapClass | undefined;
  readonly tooltip: string;
  /** `bezier`: start, two control points, end (holds). `polyline`: corners from source to target (references). */
  readonly shape: 'bezier' | 'polyline';
  readonly points: readonly DataMapPoint[];
}

export interface DataMapClassCount {
  readonly class: MapClass;
  readonly label: string;
  readonly fill: string;
  readonly stroke: string;
  /** Categories of this class on the map. */
  readonly count: number;
}

export interface DataMap {
  readonly title: string;
  readonly subtitle: string;
  /** Size of the graph area. */
  readonly width: number;
  readonly height: number;
  readonly classes: readonly DataMapClassCount[];
  readonly nodes: readonly DataMapNode[];
  readonly edges: readonly DataMapEdge[];
}

/** A node before layout: its size is known, its place is not (datasets take the size of their contents). */
export type DataMapNodeSpec = Omit<DataMapNode, 'x' | 'y'>;
export type DataMapEdgeSpec = Omit<DataMapEdge, 'points' | 'shape'>;

export interface DataMapGraph {
  readonly title: string;
  readonly subtitle: string;
  readonly classes: readonly DataMapClassCount[];
  readonly nodes: readonly DataMapNodeSpec[];
  readonly edges: readonly DataMapEdgeSpec[];
}
