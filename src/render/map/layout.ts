// Places the data map with ELK's layered algorithm: datasets as compound nodes holding collections, categories in the last layer.
import elk, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { DataMap, DataMapEdgeSpec, DataMapGraph, DataMapNode, DataMapNodeSpec } from './data-map.js';
import { CustosError } from '../../errors.js';
import { DATASET, laneGutter } from './geometry.js';
import { routeEdges } from './routes.js';

// elkjs ships CommonJS typed as `export default`: under NodeNext the constructor is `.default`, which the bundle also sets at runtime.
const ElkLayout = elk.default;

/**
 * ELK places the nodes and orders each column to minimise crossings of the `holds` edges. Those edges are drawn as curves
 * and references as lanes (routes.ts): ELK's own routes through compound borders become a thicket past a few hundred edges.
 * Coordinates come back absolute (`json.*Coords: ROOT`), so nothing is re-based by hand.
 */
function rootOptions(holds: number): Record<string, string> {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.edgeRouting': 'POLYLINE',
    // Wider between the two columns as edges multiply, so the curves stay apart.
    'elk.layered.spacing.nodeNodeBetweenLayers': String(Math.min(420, Math.max(140, 60 + holds))),
    'elk.spacing.nodeNode': '12',
    'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.json.shapeCoords': 'ROOT',
    'elk.json.edgeCoords': 'ROOT',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  };
}

/** Categories all in the last column, whatever path leads to them. */
const CATEGORY_OPTIONS: Readonly<Record<string, string>> = { 'elk.layered.layering.layerConstraint': 'LAST' };

function datasetOptions(spec: DataMapNodeSpec, gutter: number): Record<string, string> {
  const p = DATASET.padding;
  return {
    'elk.padding': `[top=${DATASET.header},left=${p + gutter},bottom=${p},right=${p}]`,
    'elk.nodeSize.constraints': 'MINIMUM_SIZE',
    'elk.nodeSize.minimum': `(${spec.width}, ${spec.height})`,
    // Edges leave a dataset through its border; without these the frame grows a wide empty band for their routes.
    'elk.layered.spacing.nodeNodeBetweenLayers': '8',
    'elk.layered.spacing.edgeNodeBetweenLayers': '4',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '0',
  };
}

/** Room each dataset needs left of its collections: a lane per collection that references inside it start from. */
function datasetGutters(graph: DataMapGraph): Map<string, number> {
  const parent = new Map(graph.nodes.map((n) => [n.id, n.parent]));
  const sources = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    const p = parent.get(e.source);
    if (e.kind === 'references' && p !== undefined && p === parent.get(e.target))
      sources.set(p, (sources.get(p) ?? new Set()).add(e.source));
  }
  return new Map([...sources].map(([id, s]) => [id, laneGutter(s.size)]));
}

function toElk(graph: DataMapGraph, gutters: ReadonlyMap<string, number>): ElkNode {
  const leaf = (n: DataMapNodeSpec): ElkNode => ({ id: n.id, width: n.width, height: n.height });
  const children: ElkNode[] = graph.nodes
    .filter((n) => n.kind !== 'collection')
    .map((n) =>
      n.kind === 'dataset'
        ? {
            id: n.id,
            layoutOptions: datasetOptions(n, gutters.get(n.id) ?? 0),
            children: graph.nodes.filter((c) => c.parent === n.id).map(leaf),
          }
        : { ...leaf(n), layoutOptions: CATEGORY_OPTIONS },
    );
  const holds = graph.edges.filter((e: DataMapEdgeSpec) => e.kind === 'holds');
  const edges: ElkExtendedEdge[] = holds.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  return { id: 'root', layoutOptions: rootOptions(holds.length), children, edges };
}

function round(n: number | undefined): number {
  return Math.round((n ?? 0) * 10) / 10;
}

function collectShapes(node: ElkNode, into: Map<string, ElkNode>): Map<string, ElkNode> {
  for (const child of node.children ?? []) {
    into.set(child.id, child);
    collectShapes(child, into);
  }
  return into;
}

/** Runs the layout. Node sizes come from the graph (datasets grow to hold their collections); positions from ELK. */
export async function layoutDataMap(graph: DataMapGraph): Promise<DataMap> {
  const gutters = datasetGutters(graph);
  const laidOut = await new ElkLayout().layout(toElk(graph, gutters)).catch((cause: unknown) => {
    throw new CustosError({ code: 'internal', message: 'the data-map layout failed', cause });
  });
  const shapes = collectShapes(laidOut, new Map());
  const placed: DataMapNode[] = graph.nodes.map((n) => {
    const shape = shapes.get(n.id);
    return {
      ...n,
      x: round(shape?.x),
      y: round(shape?.y),
      width: round(shape?.width ?? n.width),
      height: round(shape?.height ?? n.height),
    };
  });
  const routed = routeEdges(graph.edges, placed, gutters);
  const { title, subtitle, classes } = graph;
  const width = round((laidOut.width ?? 0) + routed.shift);
  return { title, subtitle, width, height: round(laidOut.height), classes, nodes: routed.nodes, edges: routed.edges };
}
