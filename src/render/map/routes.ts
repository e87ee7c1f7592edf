// Edge routes on the placed map: `holds` as curves between facing sides, `references` as brackets in lanes left of the collections.
import type { DataMapEdge, DataMapEdgeSpec, DataMapNode, DataMapPoint } from './data-map.js';
import { LANE, laneGutter } from './geometry.js';

/** Where a reference leaves its source and enters its target, above and below the middle of the left side. */
const REFERENCE_OFFSET = 5;
/** Ends of `holds` curves keep this far from a box's corners. */
const END_INSET = 7;

interface Span {
  readonly id: string;
  readonly low: number;
  readonly high: number;
}

/** Interval colouring of spans keyed by id: shortest spans take the innermost lanes; spans that touch never share one. */
export function assignLanes(spans: readonly Span[]): Map<string, number> {
  const lanes: Span[][] = [];
  const result = new Map<string, number>();
  for (const span of [...spans].sort((a, b) => a.high - a.low - (b.high - b.low) || a.low - b.low)) {
    let lane = lanes.findIndex((taken) => taken.every((t) => span.high + LANE.margin < t.low || t.high + LANE.margin < span.low));
    if (lane < 0) lane = lanes.push([]) - 1;
    lanes[lane]?.push(span);
    result.set(span.id, lane);
  }
  return result;
}

const middle = (n: DataMapNode): number => n.y + n.height / 2;

/** The `index`-th of `count` points spread along a side (callers sort so curves leave a box without crossing). */
function spread(node: DataMapNode, count: number, index: number): number {
  if (count <= 1) return middle(node);
  const inset = Math.min(END_INSET, node.height / 4);
  return node.y + inset + ((node.height - 2 * inset) * index) / (count - 1);
}

function holdsRoutes(edges: readonly DataMapEdgeSpec[], byId: ReadonlyMap<string, DataMapNode>): Map<string, DataMapPoint[]> {
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  const place = (grouped: Map<string, DataMapEdgeSpec[]>, into: Map<string, number>, key: (e: DataMapEdgeSpec) => number): void => {
    for (const [nodeId, list] of grouped) {
      const node = byId.get(nodeId);
      if (!node) continue;
      list.sort((a, b) => key(a) - key(b)).forEach((e, i) => into.set(e.id, spread(node, list.length, i)));
    }
  };
  const group = (side: 'source' | 'target'): Map<string, DataMapEdgeSpec[]> => {
    const m = new Map<string, DataMapEdgeSpec[]>();
    for (const e of edges) m.set(e[side], [...(m.get(e[side]) ?? []), e]);
    return m;
  };
  const centre = (id: string): number => {
    const n = byId.get(id);
    return n ? middle(n) : 0;
  };
  place(group('source'), starts, (e) => centre(e.target));
  place(group('target'), ends, (e) => starts.get(e.id) ?? 0);
  const routes = new Map<string, DataMapPoint[]>();
  for (const e of edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const x1 = s.x + s.width;
    const x2 = t.x;
    const y1 = starts.get(e.id) ?? middle(s);
    const y2 = ends.get(e.id) ?? middle(t);
    const pull = Math.max(24, (x2 - x1) / 2);
    routes.set(e.id, [
      { x: x1, y: y1 },
      { x: x1 + pull, y: y1 },
      { x: x2 - pull, y: y2 },
      { x: x2, y: y2 },
    ]);
  }
  return routes;
}

/** A bracket: out of the source's left side, along the lane at `x`, into the target's left side. */
function bracket(s: DataMapNode, t: DataMapNode, x: number): DataMapPoint[] {
  const y1 = middle(s) - REFERENCE_OFFSET;
  const y2 = middle(t) + REFERENCE_OFFSET;
  return [
    { x: s.x, y: y1 },
    { x, y: y1 },
    { x, y: y2 },
    { x: t.x, y: y2 },
  ];
}

/** One lane per source: its references share a trunk and branch off to each target, like a tree. */
function sourceSpans(edges: readonly DataMapEdgeSpec[], byId: ReadonlyMap<string, DataMapNode>): Span[] {
  const spans = new Map<string, Span>();
  for (const e of edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const ys = [middle(s) - REFERENCE_OFFSET, middle(t) + REFERENCE_OFFSET];
    const known = spans.get(e.source);
    const low = Math.min(...ys, known?.low ?? Infinity);
    const high = Math.max(...ys, known?.high ?? -Infinity);
    spans.set(e.source, { id: e.source, low, high });
  }
  return [...spans.values()];
}

function bracketFor(e: DataMapEdgeSpec, byId: ReadonlyMap<string, DataMapNode>, x: number): DataMapPoint[] {
  const s = byId.get(e.source);
  const t = byId.get(e.target);
  return s && t ? bracket(s, t, x) : [];
}

function laneCount(lanes: ReadonlyMap<string, number>): number {
  return lanes.size === 0 ? 0 : Math.max(...lanes.values()) + 1;
}

/** x of each edge's lane: lanes step left from `base`, squeezed when more than `LANE.max` must share `room`. */
function laneX(lanes: ReadonlyMap<string, number>, room: number, base: number): (e: DataMapEdgeSpec) => number {
  const count = laneCount(lanes);
  const gap = count <= 1 ? LANE.gap : Math.min(LANE.gap, (room - LANE.first - LANE.margin) / (count - 1));
  return (e) => base - LANE.first - (lanes.get(e.source) ?? 0) * gap;
}

export interface RoutedMap {
  readonly nodes: DataMapNode[];
  readonly edges: DataMapEdge[];
  /** How far every node moved right to make room for lanes of references across datasets. */
  readonly shift: number;
}

/**
 * Routes every edge on placed nodes. References inside a dataset use the gutter the layout left in it (`gutters`, by dataset
 * id); references across datasets use lanes left of all datasets, for which every node is shifted right.
 */
export function routeEdges(
  edges: readonly DataMapEdgeSpec[],
  placed: readonly DataMapNode[],
  gutters: ReadonlyMap<string, number>,
): RoutedMap {
  const parentOf = new Map(placed.map((n) => [n.id, n.parent]));
  const group = (e: DataMapEdgeSpec): string => (parentOf.get(e.source) === parentOf.get(e.target) ? (parentOf.get(e.source) ?? '') : '');
  const references = edges.filter((e) => e.kind === 'references');
  const placedById = new Map(placed.map((n) => [n.id, n]));
  const acrossLanes = assignLanes(
    sourceSpans(
      references.filter((e) => group(e) === ''),
      placedById,
    ),
  );
  const shift = laneGutter(laneCount(acrossLanes));
  const nodes = placed.map((n) => ({ ...n, x: n.x + shift }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const routes = holdsRoutes(
    edges.filter((e) => e.kind === 'holds'),
    byId,
  );
  const groups = new Map<string, DataMapEdgeSpec[]>();
  for (const e of references) groups.set(group(e), [...(groups.get(group(e)) ?? []), e]);
  for (const [key, list] of groups) {
    const lanes = key === '' ? acrossLanes : assignLanes(sourceSpans(list, byId));
    const column = nodes.filter((n) => (key === '' ? n.kind === 'dataset' : n.parent === key));
    const x = laneX(lanes, key === '' ? shift : (gutters.get(key) ?? 0), Math.min(...column.map((n) => n.x)));
    for (const e of list) routes.set(e.id, bracketFor(e, byId, x(e)));
  }
  return {
    nodes,
    edges: edges.map((e) => ({ ...e, shape: e.kind === 'holds' ? 'bezier' : 'polyline', points: routes.get(e.id) ?? [] })),
    shift,
  };
}
