// The data map as a standalone SVG document: viewBox, namespace, embedded style, tooltips, header and legend.
import type { DataMap, DataMapNode } from './data-map.js';
import { FONTS } from './geometry.js';
import { INK } from './palette.js';
import { drawEdge, edgeMarkers } from './svg-edges.js';
import { drawHeader, MARGIN } from './svg-legend.js';
import { drawCategory, drawCollection, drawDataset } from './svg-nodes.js';
import { element, escapeXml } from './xml.js';

/** Narrowest header the legend wraps into, so a tiny map still gets a readable one-row legend. */
const MIN_HEADER_WIDTH = 960;

const SANS = `"Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif`;
const MONO = `ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace`;

// Text colours that vary per node are presentation attributes; CSS here sets only what never varies, since CSS would win.
const STYLE = `
svg.custos-data-map { font-family: ${SANS}; fill: ${INK.text}; }
.title { font-size: ${FONTS.title.size}px; font-weight: 700; }
.subtitle { font-size: ${FONTS.subtitle.size}px; fill: ${INK.muted}; }
.alert { font-size: ${FONTS.subtitle.size}px; font-weight: 700; }
.legend { font-size: ${FONTS.legend.size}px; }
.dataset-name { font-size: ${FONTS.dataset.size}px; font-weight: 700; }
.dataset-detail { font-size: ${FONTS.datasetDetail.size}px; font-weight: 400; fill: ${INK.muted}; }
.collection-name { font-size: ${FONTS.collection.size}px; font-weight: 700; }
.collection-detail { font-size: ${FONTS.collectionDetail.size}px; fill: ${INK.muted}; }
.identity { font-size: ${FONTS.identity.size}px; font-weight: 700; fill: ${INK.identityText}; }
.category-name { font-size: ${FONTS.category.size}px; font-weight: 700; }
.category-key { font-size: ${FONTS.categoryKey.size}px; font-family: ${MONO}; }
.tag { font-size: ${FONTS.tag.size}px; font-weight: 700; }
path.holds { fill: none; stroke-width: 1.25; stroke-opacity: 0.55; }
path.holds-forbidden { stroke-width: 2.5; stroke-opacity: 1; }
path.reference { fill: none; stroke-width: 1.5; stroke-dasharray: 5 3; }
g.edge:hover path { stroke-width: 3; stroke-opacity: 1; }
g.node:hover .box { stroke-width: 2.5; }
`;

function drawNode(node: DataMapNode): string {
  switch (node.kind) {
    case 'dataset':
      return drawDataset(node);
    case 'collection':
      return drawCollection(node);
    case 'category':
      return drawCategory(node);
    default:
      return node.kind satisfies never;
  }
}

/** Renders a laid-out data map; every piece of manifest text is escaped. */
export function drawDataMapSvg(map: DataMap): string {
  const header = drawHeader(map, Math.max(map.width + 2 * MARGIN, MIN_HEADER_WIDTH));
  const width = Math.ceil(Math.max(map.width + 2 * MARGIN, header.width));
  const height = Math.ceil(header.height + map.height + MARGIN);
  const byKind = (kind: DataMapNode['kind']): string =>
    map.nodes
      .filter((n) => n.kind === kind)
      .map(drawNode)
      .join('\n');
  const edges = (kind: 'holds' | 'references'): string =>
    map.edges
      .filter((e) => e.kind === kind)
      .map(drawEdge)
      .join('\n');
  const graph = element(
    'g',
    { class: 'graph', transform: `translate(${MARGIN} ${Math.round(header.height)})` },
    ['', byKind('dataset'), edges('holds'), byKind('collection'), byKind('category'), edges('references'), ''].join('\n'),
  );
  const svg = {
    xmlns: 'http://www.w3.org/2000/svg',
    class: 'custos-data-map',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-labelledby': 'custos-map-title custos-map-desc',
  };
  const body = [
    element('title', { id: 'custos-map-title' }, escapeXml(map.title)),
    element('desc', { id: 'custos-map-desc' }, escapeXml(map.subtitle)),
    `<style>${STYLE}</style>`,
    `<defs>${edgeMarkers()}</defs>`,
    element('rect', { width, height, fill: INK.background }),
    header.markup,
    graph,
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('svg', svg, `\n${body.join('\n')}\n`)}\n`;
}
