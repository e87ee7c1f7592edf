// Reads the manifest folder's YAML files, keeps the position of every node, and merges them into one document.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type SourceLocation } from './diagnostics.js';
import { MERGEABLE_SECTIONS } from './schema/index.js';
import { checkYamlLimits, MAX_YAML_NESTING } from './yaml-limits.js';

export { listManifestFiles, readManifestFolder, type ManifestEntry } from './manifest-files.js';

export type PathSegment = string | number;

/** One manifest file's text; `path` is what diagnostics print. */
export interface ManifestFile {
  readonly path: string;
  readonly text: string;
  /** Set when the entry was not read (a pipe, socket or device named `*.yaml`): what it is. Its `text` is empty. */
  readonly skipped?: string;
}

/** Positions of every key and value in the merged document, by path. */
export class SourceMap {
  readonly #positions = new Map<string, SourceLocation>();

  static key(path: readonly PathSegment[]): string {
    return path.join('\u0000');
  }

  set(path: readonly PathSegment[], location: SourceLocation): void {
    this.#positions.set(SourceMap.key(path), location);
  }

  /** True when the manifest itself holds this path (not only an ancestor of it). */
  has(path: readonly PathSegment[]): boolean {
    return this.#positions.has(SourceMap.key(path));
  }

  /** The location of the path, or of its nearest ancestor that has one. */
  locate(path: readonly PathSegment[]): SourceLocation | undefined {
    for (let n = path.length; n >= 0; n--) {
      const found = this.#positions.get(SourceMap.key(path.slice(0, n)));
      if (found) return found;
    }
    return undefined;
  }
}

export interface LoadedSources {
  readonly files: readonly ManifestFile[];
  readonly data: Record<string, unknown>;
  readonly sourceMap: SourceMap;
  readonly diagnostics: readonly Diagnostic[];
}

/** Formats a path as `purposes.billing.categories[2]`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

/** Parses and merges manifest files. Never throws on bad input: problems become diagnostics. */
export function loadSources(files: readonly ManifestFile[]): LoadedSources {
  const sourceMap = new SourceMap();
  const diagnostics: Diagnostic[] = [];
  const data: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  if (files.every((f) => f.skipped !== undefined)) {
    diagnostics.push(diagnostic('CUS005', 'no manifest files (*.yaml) found', { fix: 'run "custos init" to scaffold one' }));
  }
  for (const file of files) {
    if (file.skipped !== undefined) {
      diagnostics.push(
        diagnostic('CUS052', `skipped: ${file.skipped}, not a regular file, so it was not read`, {
          location: { file: file.path, line: 1, column: 1 },
          fix: 'move it out of the manifest folder, or replace it with a regular file',
        }),
      );
      continue;
    }
    const lineCounter = new LineCounter();
    const at = (offset: number): SourceLocation => {
      const { line, col } = lineCounter.linePos(offset);
      return { file: file.path, line, column: col };
    };
    const doc = parseSafely(file.text, lineCounter);
    if (doc === undefined) {
      diagnostics.push(tooDeep({ file: file.path, line: 1, column: 1 }));
      continue;
    }
    // The parser ran out of stack: the other errors it reports are its consequences, and one place is enough.
    const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
    if (exhausted) {
      diagnostics.push(tooDeep(at(exhausted.pos[0])));
      continue;
    }
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const offset = (error.code === 'MISSING_CHAR' ? unclosedQuoteStart(doc, error.pos[0]) : undefined) ?? error.pos[0];
        diagnostics.push(diagnostic('CUS001', error.message.split('\n')[0] ?? 'invalid YAML', { location: at(offset) }));
      }
      continue;
    }
    const limit = checkYamlLimits(doc);
    if (limit) {
      diagnostics.push(diagnostic('CUS050', limit.message, { location: at(limit.offset), fix: limit.fix }));
      continue;
    }
    // A missing section has no place of its own: point at the start of the first file.
    if (!sourceMap.locate([])) sourceMap.set([], at(doc.contents?.range?.[0] ?? 0));
    if (doc.contents === null) continue;
    if (!isMap(doc.contents)) {
      diagnostics.push(
        diagnostic('CUS002', 'a manifest file must be a mapping of sections (organization, purposes, datasets…)', {
          location: at(doc.contents.range?.[0] ?? 0),
        }),
      );
      continue;
    }
    recordPositions(doc.contents, [], sourceMap, at);
    // checkYamlLimits bounds what aliases expand to: yaml's own count would refuse a manifest reusing one list 100 times.
    const content = doc.toJS({ maxAliasCount: -1 }) as Record<string, unknown>;
    mergeFile(content, file.path, data, origin, sourceMap, diagnostics);
  }
  return { files, data, sourceMap, diagnostics };
}

/** Parses one file; undefined when the text nests so deep that the parser itself runs out of stack. */
function parseSafely(text: string, lineCounter: LineCounter): Document.Parsed | undefined {
  try {
    return parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function tooDeep(location: SourceLocation): Diagnostic {
  return diagnostic('CUS050', `nested more than ${MAX_YAML_NESTING} levels deep`, {
    location,
    fix: 'flatten the structure: a manifest needs a handful of levels',
  });
}

/** yaml reports an unclosed quote at the end of the file; the quote that was never closed is where to look. */
function unclosedQuoteStart(doc: Document.Parsed, errorOffset: number): number | undefined {
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
      if (!quoted || !node.range || node.range[1] < errorOffset) return undefined;
      start = node.range[0];
      return visit.BREAK;
    },
  });
  return start;
}

function recordPositions(node: Node, path: PathSegment[], map: SourceMap, at: (offset: number) => SourceLocation): void {
  if (isMap(node)) {
    for (const item of node.items) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const keyRange = isScalar(item.key) ? item.key.range : undefined;
      const child = [...path, key];
      if (keyRange) map.set(child, at(keyRange[0]));
      if (item.value && typeof item.value === 'object' && 'range' in item.value) recordPositions(item.value as Node, child, map, at);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (item && typeof item === 'object' && 'range' in item) {
        const range = (item as Node).range;
        if (range) map.set([...path, i], at(range[0]));
        recordPositions(item as Node, [...path, i], map, at);
      }
    });
  }
}

function mergeFile(
  content: Record<string, unknown>,
  file: string,
  data: Record<string, unknown>,
  origin: Map<string, string>,
  sourceMap: SourceMap,
  diagnostics: Diagnostic[],
): void {
  const mergeable = new Set<string>(MERGEABLE_SECTIONS);
  for (const [section, value] of Object.entries(content)) {
    const mergeEntries = mergeable.has(section) && isPlainObject(value) && (data[section] === undefined || isPlainObject(data[section]));
    if (!mergeEntries) {
      if (section in data) {
        diagnostics.push(
          diagnostic('CUS004', `section "${section}" is already defined in ${origin.get(section)}`, {
            location: sourceMap.locate([section]),
            path: section,
            fix: 'keep one definition, or split it by entries in a mergeable section',
          }),
        );
        continue;
      }
      data[section] = value;
      origin.set(section, file);
      continue;
    }
    const target = (data[section] ??= {}) as Record<string, unknown>;
    if (!origin.has(section)) origin.set(section, file);
    for (const [id, entry] of Object.entries(value)) {
      const key = `${section}.${id}`;
      if (id in target) {
        diagnostics.push(
          diagnostic('CUS004', `${section} "${id}" is already defined in ${origin.get(key)}`, {
            location: sourceMap.locate([section, id]),
            path: key,
            fix: 'rename one of them or remove the duplicate',
          }),
        );
        continue;
      }
      target[id] = entry;
      origin.set(key, file);
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
