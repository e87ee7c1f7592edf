// Edges of the data-map SVG: class-coloured `holds` curves and dashed `references` arrows.
import type { DataMapEdge, DataMapPoint } from './data-map.js';
import { CLASS_STYLES, INK } from './palette.js';
import { element, escapeXml } from './xml.js';

const CORNER = 5;

/** An orthogonal polyline with its corners rounded, as SVG path data. */
export function roundedPath(points: readonly DataMapPoint[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  const parts = [`M${first.x} ${first.y}`];
  for (let i = 0; i < rest.length; i++) {
    const corner = rest[i];
    const prev = i === 0 ? first : rest[i - 1];
    const next = rest[i + 1];
    if (!corner || !prev) continue;
    if (!next) {
      parts.push(`L${corner.x} ${corner.y}`);
      continue;
    }
    const r = Math.min(CORNER, Math.hypot(corner.x - prev.x, corner.y - prev.y) / 2, Math.hypot(next.x - corner.x, next.y - corner.y) / 2);
    const towards = (from: DataMapPoint, to: DataMapPoint): DataMapPoint => {
      const d = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      return { x: round(from.x + ((to.x - from.x) * r) / d), y: round(from.y + ((to.y - from.y) * r) / d) };
    };
    const a = towards(corner, prev);
    const b = towards(corner, next);
    parts.push(`L${a.x} ${a.y}`, `Q${corner.x} ${corner.y} ${b.x} ${b.y}`);
  }
  return parts.join(' ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The references' arrowhead (holds curves need none: they always run from a collection rightwards to a category). */
export function edgeMarkers(): string {
  return element(
    'marker',
    { id: 'arrow-reference', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: 'auto' },
    element('path', { d: 'M0 0 L10 5 L0 10 z', fill: INK.reference }),
  );
}

/** A cubic Bézier from start, two control points, end. */
function curvePath(points: readonly DataMapPoint[]): string {
  const [a, b, c, d] = points;
  return a && b && c && d ? `M${a.x} ${a.y} C${b.x} ${b.y} ${c.x} ${c.y} ${d.x} ${d.y}` : roundedPath(points);
}

export function drawEdge(edge: DataMapEdge): string {
  const d = edge.shape === 'bezier' ? curvePath(edge.points) : roundedPath(edge.points);
  if (edge.kind === 'references') {
    const path = element('path', { class: 'reference', d, stroke: INK.reference, 'marker-end': 'url(#arrow-reference)' });
    return element(
      'g',
      { class: 'edge references', 'data-source': edge.source, 'data-target': edge.target },
      `<title>${escapeXml(edge.tooltip)}</title>${path}`,
    );
  }
  const cls = edge.class ?? 'unclassified';
  const path = element('path', { class: `holds holds-${cls}`, d, stroke: CLASS_STYLES[cls].line });
  return element(
    'g',
    { class: 'edge holds', 'data-source': edge.source, 'data-target': edge.target },
    `<title>${escapeXml(edge.tooltip)}</title>${path}`,
  );
}
