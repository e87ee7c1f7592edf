// The data-map renderer's public face: PolicyModel → a standalone SVG picture, or the laid-out graph as JSON.
import type { Language, PolicyModel } from '../../policy/index.js';
import { pick, pickLanguage } from '../options.js';
import { DATA_MAP_FORMATS, type DataMapFormat } from './data-map.js';
import { buildDataMapGraph } from './graph.js';
import { layoutDataMap } from './layout.js';
import { drawDataMapSvg } from './svg.js';

export { DATA_MAP_FORMATS, type DataMapFormat } from './data-map.js';
export type { DataMap, DataMapClassCount, DataMapEdge, DataMapEdgeKind, DataMapNode, DataMapNodeKind, DataMapPoint } from './data-map.js';
export { CLASS_STYLES, MAP_CLASSES, type ClassStyle, type MapClass } from './palette.js';

export interface DataMapOptions {
  /** `svg` (default): a standalone picture. `json`: the laid-out graph (nodes, edges, classes, positions). */
  readonly format?: DataMapFormat;
  /** Language of category labels and descriptions (default: the manifest's first language). */
  readonly lang?: Language;
}

/** Draws datastores → collections → categories, coloured by data class, laid out by ELK. */
export async function renderDataMap(model: PolicyModel, options: DataMapOptions = {}): Promise<string> {
  const format = pick('format', options.format, DATA_MAP_FORMATS, 'svg');
  const map = await layoutDataMap(buildDataMapGraph(model, pickLanguage(model, options.lang)));
  return format === 'json' ? `${JSON.stringify(map, null, 2)}\n` : drawDataMapSvg(map);
}
