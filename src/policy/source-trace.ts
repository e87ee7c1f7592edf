// Finds where a manifest path is written, so a document can say which line each of its sentences comes from.
import type { SourceLocation } from './diagnostics.js';
import { formatPath, type PathSegment, type SourceMap } from './sources.js';

/** The merged manifest and the position of each of its nodes, as the compiler read them. */
export interface ManifestSources {
  readonly data: Readonly<Record<string, unknown>>;
  readonly sourceMap: SourceMap;
}

export interface LocatedSource {
  /** The path as written in the manifest: `organization.jurisdictions[1]` for `quebec` in a list of jurisdictions. */
  readonly path: string;
  readonly location: SourceLocation;
  /** False when the manifest does not hold the whole path and the location is that of its nearest written ancestor. */
  readonly exact: boolean;
}

/**
 * Where `path` is written. A name looked up in a list (`['organization', 'jurisdictions', 'quebec']` when the manifest
 * lists `[gdpr, quebec]`) is found by value. Undefined when not even the path's first section is in the manifest.
 */
export function locateSource(sources: ManifestSources, path: readonly PathSegment[]): LocatedSource | undefined {
  const written: PathSegment[] = [];
  let node: unknown = sources.data;
  for (const segment of path) {
    const next = step(node, segment);
    if (next === undefined) break;
    written.push(next.segment);
    node = next.node;
  }
  const location = written.length === 0 ? undefined : sources.sourceMap.locate(written);
  if (location === undefined) return undefined;
  return { path: formatPath(written), location, exact: written.length === path.length };
}

function step(node: unknown, segment: PathSegment): { segment: PathSegment; node: unknown } | undefined {
  if (Array.isArray(node)) {
    const index = typeof segment === 'number' ? segment : node.findIndex((item) => item === segment);
    return index >= 0 && index < node.length ? { segment: index, node: node[index] } : undefined;
  }
  if (typeof node === 'object' && node !== null && Object.hasOwn(node, segment)) {
    return { segment, node: (node as Record<string, unknown>)[segment] };
  }
  return undefined;
}
