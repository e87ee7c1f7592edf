// Test helpers that read a rendered map back: the SVG as an XML element tree, and the boxes of the JSON form.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { DataMap, DataMapNode } from './data-map.js';

export interface SvgElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly SvgElement[];
  /** Decoded text directly inside the element. */
  readonly text: string;
}

type Ordered = Record<string, unknown>;

function toElement(entry: Ordered): SvgElement | undefined {
  const name = Object.keys(entry).find((k) => k !== ':@' && k !== '#text');
  if (name === undefined) return undefined;
  const raw = (entry[name] ?? []) as Ordered[];
  const attrs = (entry[':@'] ?? {}) as Record<string, string>;
  const text = raw.map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : '')).join('');
  const children = raw.map(toElement).filter((c): c is SvgElement => c !== undefined);
  return { name, attrs, children, text };
}

/** Parses the SVG, failing the test with the parser's message when it is not well-formed XML. */
export function parseSvg(svg: string): SvgElement {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`SVG is not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  const parsed = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false }).parse(
    svg,
  ) as Ordered[];
  const root = parsed.map(toElement).find((e) => e?.name === 'svg');
  if (!root) throw new Error('no <svg> root element');
  return root;
}

/** Every element under `root` (itself included), depth first. */
export function allElements(root: SvgElement): SvgElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

export function hasClass(e: SvgElement, cls: string): boolean {
  return (e.attrs.class ?? '').split(/\s+/).includes(cls);
}

function overlap(a: DataMapNode, b: DataMapNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(child: DataMapNode, parent: DataMapNode): boolean {
  return (
    child.x >= parent.x &&
    child.y >= parent.y &&
    child.x + child.width <= parent.x + parent.width &&
    child.y + child.height <= parent.y + parent.height
  );
}

/**
 * Boxes that collide: any two collections, any two top-level boxes (datasets and categories), a collection
 * outside its dataset, or a collection over a dataset that is not its own.
 */
export function findOverlaps(map: DataMap): string[] {
  const problems: string[] = [];
  const collections = map.nodes.filter((n) => n.kind === 'collection');
  const topLevel = map.nodes.filter((n) => n.kind !== 'collection');
  const pairs = (list: readonly DataMapNode[]): [DataMapNode, DataMapNode][] =>
    list.flatMap((a, i) => list.slice(i + 1).map((b) => [a, b] as [DataMapNode, DataMapNode]));
  for (const [a, b] of [...pairs(collections), ...pairs(topLevel)]) if (overlap(a, b)) problems.push(`${a.id} overlaps ${b.id}`);
  for (const c of collections) {
    for (const d of topLevel) {
      if (d.id === c.parent && !inside(c, d)) problems.push(`${c.id} sticks out of ${d.id}`);
      if (d.id !== c.parent && overlap(c, d)) problems.push(`${c.id} overlaps ${d.id}`);
    }
  }
  return problems;
}
