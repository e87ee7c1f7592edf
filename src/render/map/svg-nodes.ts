// Node boxes of the data-map SVG: dataset frames, collection cards with identity badges, class-coloured category cards.
import type { DataMapNode } from './data-map.js';
import { badgeWidth, CATEGORY, COLLECTION, DATASET, tagWidth } from './geometry.js';
import { CLASS_STYLES, INK } from './palette.js';
import { element, escapeXml } from './xml.js';

function text(x: number, y: number, cls: string, content: string, extra: Record<string, string | number> = {}): string {
  return element('text', { x, y, class: cls, ...extra }, escapeXml(content));
}

function group(node: DataMapNode, inner: string): string {
  const attrs = { class: `node ${node.kind}`, 'data-id': node.id, 'data-class': node.class, transform: `translate(${node.x} ${node.y})` };
  return element('g', attrs, `<title>${escapeXml(node.tooltip)}</title>${inner}`);
}

export function drawDataset(node: DataMapNode): string {
  const frame = element('rect', {
    class: 'box',
    width: node.width,
    height: node.height,
    rx: DATASET.radius,
    fill: INK.datasetFill,
    stroke: INK.datasetStroke,
  });
  const rule = element('line', {
    x1: 0,
    x2: node.width,
    y1: DATASET.header - 8,
    y2: DATASET.header - 8,
    stroke: INK.datasetStroke,
    'stroke-opacity': 0.5,
  });
  const header = element(
    'text',
    { x: DATASET.padding, y: DATASET.baseline, class: 'dataset-name' },
    `${escapeXml(node.label)}<tspan class="dataset-detail" dx="${DATASET.gap}">${escapeXml(node.detail)}</tspan>`,
  );
  return group(node, frame + rule + header);
}

export function drawCollection(node: DataMapNode): string {
  const entry = node.identities.length > 0;
  const box = element('rect', {
    class: 'box',
    width: node.width,
    height: node.height,
    rx: COLLECTION.radius,
    fill: INK.collectionFill,
    stroke: entry ? INK.identityFill : INK.collectionStroke,
    'stroke-width': entry ? 1.75 : 1,
  });
  let x = COLLECTION.padding;
  const badges = node.identities.map((identity) => {
    const width = badgeWidth(identity);
    const h = COLLECTION.badgeHeight;
    const pill = element('rect', { x, y: COLLECTION.badgeTop, width, height: h, rx: h / 2, fill: INK.identityFill });
    const label = text(x + width / 2, COLLECTION.badgeTop + h / 2 + 3.5, 'identity', identity, { 'text-anchor': 'middle' });
    x += width + COLLECTION.badgeGap;
    return element('g', { class: 'identity-badge' }, pill + label);
  });
  return group(
    node,
    box +
      text(COLLECTION.padding, COLLECTION.nameBaseline, 'collection-name', node.label) +
      text(COLLECTION.padding, COLLECTION.detailBaseline, 'collection-detail', node.detail) +
      badges.join(''),
  );
}

export function drawCategory(node: DataMapNode): string {
  const cls = node.class ?? 'unclassified';
  const style = CLASS_STYLES[cls];
  const loud = cls === 'forbidden';
  const box = element('rect', {
    class: 'box',
    width: node.width,
    height: node.height,
    rx: CATEGORY.radius,
    fill: style.fill,
    stroke: style.stroke,
    'stroke-width': loud ? 3 : 1,
  });
  const stripe = element('path', {
    d: `M${CATEGORY.radius} 0 H${CATEGORY.stripe} V${node.height} H${CATEGORY.radius} A${CATEGORY.radius} ${CATEGORY.radius} 0 0 1 0 ${node.height - CATEGORY.radius} V${CATEGORY.radius} A${CATEGORY.radius} ${CATEGORY.radius} 0 0 1 ${CATEGORY.radius} 0 z`,
    fill: style.stroke,
  });
  const tag = style.label.toUpperCase();
  const tw = tagWidth(tag);
  const tx = node.width - CATEGORY.paddingRight - tw;
  const pill = element('rect', {
    x: tx,
    y: CATEGORY.tagTop,
    width: tw,
    height: CATEGORY.tagHeight,
    rx: 3,
    fill: '#FFFFFF',
    stroke: style.stroke,
    'stroke-width': 0.75,
  });
  const tagText = text(tx + tw / 2, CATEGORY.tagTop + CATEGORY.tagHeight / 2 + 3, 'tag', tag, {
    'text-anchor': 'middle',
    fill: style.stroke,
  });
  return group(
    node,
    box +
      stripe +
      text(CATEGORY.paddingLeft, CATEGORY.labelBaseline, 'category-name', node.label, { fill: style.text }) +
      text(CATEGORY.paddingLeft, CATEGORY.keyBaseline, 'category-key', node.detail, { fill: loud ? '#FFE3E6' : INK.muted }) +
      pill +
      tagText,
  );
}
