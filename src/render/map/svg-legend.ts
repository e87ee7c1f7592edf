// Header of the data-map SVG: title, policy line, a loud warning when forbidden data is mapped, and the legend.
import type { DataMap } from './data-map.js';
import { COLLECTION, FONTS } from './geometry.js';
import { CLASS_STYLES, INK } from './palette.js';
import { estimateTextWidth } from './text-metrics.js';
import { element, escapeXml } from './xml.js';

export const MARGIN = 24;
const ROW = 24;
const ITEM_GAP = 22;
const SAMPLE = 30;

export interface DrawnHeader {
  readonly markup: string;
  readonly width: number;
  readonly height: number;
}

interface LegendItem {
  readonly width: number;
  readonly draw: (x: number, y: number) => string;
}

function caption(x: number, y: number, content: string): string {
  return element('text', { x, y: y + 4, class: 'legend' }, escapeXml(content));
}

function item(sampleWidth: number, label: string, sample: (x: number, y: number) => string): LegendItem {
  return {
    width: sampleWidth + 6 + estimateTextWidth(label, FONTS.legend),
    draw: (x, y) => sample(x, y) + caption(x + sampleWidth + 6, y, label),
  };
}

function legendItems(map: DataMap): LegendItem[] {
  const classes = map.classes.map((c) =>
    item(22, `${c.label} (${c.count})`, (x, y) => {
      const style = CLASS_STYLES[c.class];
      const box = element('rect', { x, y: y - 7, width: 22, height: 14, rx: 3, fill: style.fill, stroke: style.stroke });
      return box + element('rect', { x, y: y - 7, width: 5, height: 14, fill: style.stroke });
    }),
  );
  const holds = item(SAMPLE, 'collection holds category (line in its class colour)', (x, y) =>
    element('path', { class: 'holds', d: `M${x} ${y} H${x + SAMPLE}`, stroke: INK.muted }),
  );
  const reference = item(SAMPLE, 'reference (a rights request follows it)', (x, y) =>
    element('path', {
      class: 'reference',
      d: `M${x} ${y} H${x + SAMPLE - 2}`,
      stroke: INK.reference,
      'marker-end': 'url(#arrow-reference)',
    }),
  );
  const badge = estimateTextWidth('id', FONTS.identity) + 12;
  const identity = item(badge, 'identity a request can start from', (x, y) => {
    const h = COLLECTION.badgeHeight;
    const pill = element('rect', { x, y: y - h / 2, width: badge, height: h, rx: h / 2, fill: INK.identityFill });
    return pill + element('text', { x: x + badge / 2, y: y + 3.5, class: 'identity', 'text-anchor': 'middle' }, 'id');
  });
  return [...classes, holds, reference, identity];
}

/** Lays the header out within `maxWidth`, wrapping the legend onto more rows when needed. */
export function drawHeader(map: DataMap, maxWidth: number): DrawnHeader {
  const parts: string[] = [];
  let y = MARGIN + FONTS.title.size;
  parts.push(element('text', { x: MARGIN, y, class: 'title' }, escapeXml(map.title)));
  let width = estimateTextWidth(map.title, FONTS.title);
  y += 20;
  parts.push(element('text', { x: MARGIN, y, class: 'subtitle' }, escapeXml(map.subtitle)));
  width = Math.max(width, estimateTextWidth(map.subtitle, FONTS.subtitle));
  const forbidden = map.nodes.filter((n) => n.class === 'forbidden');
  if (forbidden.length > 0) {
    y += 20;
    const names = forbidden.map((n) => n.detail).join(', ');
    const warning = `Forbidden data is mapped (${names}): it must never be stored. Remove it before publishing.`;
    parts.push(element('text', { x: MARGIN, y, class: 'alert', fill: CLASS_STYLES.forbidden.fill }, escapeXml(warning)));
    width = Math.max(width, estimateTextWidth(warning, { size: FONTS.subtitle.size, style: 'bold' }));
  }
  y += ROW + 4;
  let x = MARGIN;
  for (const entry of legendItems(map)) {
    if (x > MARGIN && x + entry.width > maxWidth - MARGIN) {
      x = MARGIN;
      y += ROW;
    }
    parts.push(entry.draw(x, y));
    x += entry.width + ITEM_GAP;
    width = Math.max(width, x - ITEM_GAP - MARGIN);
  }
  return { markup: element('g', { class: 'header' }, parts.join('')), width: width + 2 * MARGIN, height: y + ROW };
}
