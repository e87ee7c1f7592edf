// PolicyModel → the data map's nodes and edges (datasets ⊃ collections → categories), sized but not yet placed.
import { localize, type CollectionModel, type DatasetModel, type Language, type PolicyModel } from '../../policy/index.js';
import type { DataMapClassCount, DataMapEdgeSpec, DataMapGraph, DataMapNodeSpec } from './data-map.js';
import { categorySize, collectionSize, datasetMinSize, fitLabel, FONTS } from './geometry.js';
import { CLASS_STYLES, MAP_CLASSES, type MapClass } from './palette.js';

/** Classes always shown in the legend; the others only when the map has some. */
const ALWAYS_IN_LEGEND: readonly MapClass[] = ['low', 'medium', 'high', 'special'];

export const datasetNodeId = (dataset: string): string => `dataset:${dataset}`;
export const collectionNodeId = (dataset: string, collection: string): string => `collection:${dataset}.${collection}`;
export const categoryNodeId = (key: string): string => `category:${key}`;

/** Manifest text on one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

function datasetNode(d: DatasetModel, language: Language): DataMapNodeSpec {
  const label = fitLabel(d.id, FONTS.dataset);
  const detail = `${d.store.kind} · ${plural(d.collections.size, 'collection')}`;
  const description = oneLine(localize(d.description, language));
  const tooltip = [`Dataset ${d.id} (${d.store.kind})`, description].filter(Boolean).join('\n');
  return { id: datasetNodeId(d.id), kind: 'dataset', label, detail, identities: [], tooltip, ...datasetMinSize(label, detail) };
}

function collectionNode(c: CollectionModel, language: Language): DataMapNodeSpec {
  const fields = [...c.fields.values()];
  const personal = fields.filter((f) => f.category !== undefined).length;
  const label = fitLabel(c.name, FONTS.collection);
  const detail = `${plural(fields.length, 'field')} · ${personal} personal`;
  const identities = [...c.identity.keys()].map((k) => fitLabel(k, FONTS.identity));
  const tooltip = [
    `Collection ${c.qualifiedName}`,
    oneLine(localize(c.description, language)),
    c.identity.size > 0 ? `Identities: ${[...c.identity].map(([k, f]) => `${k} (field ${f})`).join(', ')}` : '',
    `Fields: ${fields.map((f) => (f.category === undefined ? f.name : `${f.name} (${f.category})`)).join(', ')}`,
  ];
  return {
    id: collectionNodeId(c.dataset, c.name),
    kind: 'collection',
    label,
    detail,
    parent: datasetNodeId(c.dataset),
    identities,
    tooltip: tooltip.filter(Boolean).join('\n'),
    ...collectionSize(label, detail, identities),
  };
}

function categoryNode(model: PolicyModel, key: string, cls: MapClass, language: Language): DataMapNodeSpec {
  const category = model.categories.get(key);
  const name = oneLine(localize(category?.label, language)) || key;
  const label = fitLabel(name, FONTS.category);
  const detail = fitLabel(key, FONTS.categoryKey);
  const tag = CLASS_STYLES[cls].label.toUpperCase();
  const held = (model.index.fieldsByCategory.get(key) ?? []).map((f) => `${f.dataset}.${f.collection}.${f.name}`);
  const tooltip = [
    `${name} (${key})`,
    `Class: ${CLASS_STYLES[cls].label}`,
    oneLine(localize(category?.description, language)),
    `Held in: ${held.join(', ')}`,
  ];
  return {
    id: categoryNodeId(key),
    kind: 'category',
    label,
    detail,
    class: cls,
    identities: [],
    tooltip: tooltip.filter(Boolean).join('\n'),
    ...categorySize(label, detail, tag),
  };
}

/** Category key → class, for every category some field holds, most protected first. */
function heldCategories(model: PolicyModel): Map<string, MapClass> {
  const held = new Map<string, MapClass>();
  for (const c of model.index.collections.values()) {
    for (const f of c.fields.values()) {
      if (f.category !== undefined && !held.has(f.category)) {
        held.set(f.category, model.categories.get(f.category)?.class ?? f.class ?? 'unclassified');
      }
    }
  }
  const rank = (cls: MapClass): number => MAP_CLASSES.indexOf(cls);
  return new Map([...held].sort(([ka, a], [kb, b]) => rank(b) - rank(a) || ka.localeCompare(kb)));
}

function holdsEdges(c: CollectionModel, classes: ReadonlyMap<string, MapClass>): DataMapEdgeSpec[] {
  const byCategory = new Map<string, string[]>();
  for (const f of c.fields.values())
    if (f.category !== undefined) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f.name]);
  return [...byCategory].map(([key, fields]) => ({
    id: `holds:${c.qualifiedName}>${key}`,
    kind: 'holds',
    source: collectionNodeId(c.dataset, c.name),
    target: categoryNodeId(key),
    class: classes.get(key),
    tooltip: `${c.qualifiedName} holds ${key} in ${fields.join(', ')}`,
  }));
}

/** One edge per referenced → referencing pair, in the direction a rights request walks. */
function referenceEdges(c: CollectionModel, known: ReadonlySet<string>): DataMapEdgeSpec[] {
  const byParent = new Map<string, string[]>();
  for (const f of c.fields.values()) {
    const ref = f.references;
    if (!ref || !known.has(`${ref.dataset}.${ref.collection}`)) continue;
    const parent = `${ref.dataset}.${ref.collection}`;
    byParent.set(parent, [...(byParent.get(parent) ?? []), `${c.qualifiedName}.${f.name} → ${parent}.${ref.field}`]);
  }
  return [...byParent].map(([parent, links]) => ({
    id: `references:${parent}>${c.qualifiedName}`,
    kind: 'references',
    source: `collection:${parent}`,
    target: collectionNodeId(c.dataset, c.name),
    tooltip: `Reference: ${links.join(', ')}`,
  }));
}

/** One width per column (a dataset's collections; all categories), so boxes line up like a table. */
function alignWidths(nodes: readonly DataMapNodeSpec[]): DataMapNodeSpec[] {
  const column = (n: DataMapNodeSpec): string => (n.kind === 'collection' ? `${n.parent}` : n.kind);
  const widths = new Map<string, number>();
  for (const n of nodes) widths.set(column(n), Math.max(widths.get(column(n)) ?? 0, n.width));
  return nodes.map((n) => (n.kind === 'dataset' ? n : { ...n, width: widths.get(column(n)) ?? n.width }));
}

/** Builds the unplaced graph; `language` picks the category labels and descriptions. */
export function buildDataMapGraph(model: PolicyModel, language: Language): DataMapGraph {
  const categories = heldCategories(model);
  const collections = [...model.index.collections.values()];
  const known = new Set(collections.map((c) => c.qualifiedName));
  const nodes: DataMapNodeSpec[] = [];
  for (const d of model.datasets.values()) {
    nodes.push(datasetNode(d, language), ...[...d.collections.values()].map((c) => collectionNode(c, language)));
  }
  for (const [key, cls] of categories) nodes.push(categoryNode(model, key, cls, language));
  const edges = collections.flatMap((c) => [...referenceEdges(c, known), ...holdsEdges(c, categories)]);
  const counts = [...categories.values()].reduce((m, cls) => m.set(cls, (m.get(cls) ?? 0) + 1), new Map<MapClass, number>());
  const classes: DataMapClassCount[] = MAP_CLASSES.filter((cls) => ALWAYS_IN_LEGEND.includes(cls) || counts.has(cls)).map((cls) => ({
    class: cls,
    label: CLASS_STYLES[cls].label,
    fill: CLASS_STYLES[cls].fill,
    stroke: CLASS_STYLES[cls].stroke,
    count: counts.get(cls) ?? 0,
  }));
  const org = model.organization;
  const policy = [`Policy version ${org.policy.version}`];
  if (org.policy.effective !== undefined) policy.push(`effective ${org.policy.effective}`);
  policy.push(`last reviewed ${org.policy.lastReviewed}`);
  const totals = [
    plural(model.datasets.size, 'datastore'),
    plural(collections.length, 'collection'),
    plural(categories.size, 'category', 'categories'),
  ];
  return {
    title: `Data map — ${oneLine(org.name)}`,
    subtitle: [...policy, ...totals].join(' · '),
    classes,
    nodes: alignWidths(nodes),
    edges,
  };
}
