// Bounds on what a manifest file's YAML may expand to (nesting depth, alias expansion), checked before anything walks it.
import { isAlias, isMap, isNode, isSeq, type Document, type Node } from 'yaml';

/** Deepest nesting a manifest file may have, aliases expanded. A real manifest needs about 8 levels. */
export const MAX_YAML_NESTING = 64;
/** Most nodes that aliases may stand for in one file, in total: reuse is fine, an alias bomb is not. */
export const MAX_ALIAS_NODES = 10_000;

/** Why a file is refused, and where (an offset into its text). */
export interface YamlLimitProblem {
  readonly offset: number;
  readonly message: string;
  readonly fix: string;
}

interface Measure {
  /** Nodes in the subtree, aliases expanded. */
  readonly size: number;
  /** Levels of the subtree, aliases expanded (a scalar is 1). */
  readonly height: number;
}

class Refused extends Error {
  constructor(readonly problem: YamlLimitProblem) {
    super(problem.message);
  }
}

const TOO_DEEP_FIX = 'flatten the structure: a manifest needs a handful of levels';

/**
 * Measures a parsed document in one pass, in document order, and returns the first problem: an alias naming no anchor
 * set before it, an alias inside the node it names (it would expand forever), aliases expanding to more than
 * MAX_ALIAS_NODES nodes, or nesting deeper than MAX_YAML_NESTING. The walk recurses at most MAX_YAML_NESTING levels:
 * an anchored node is measured once, before any alias can name it.
 */
export function checkYamlLimits(doc: Document.Parsed): YamlLimitProblem | undefined {
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  const measured = new Map<Node, Measure>();
  let aliasNodes = 0;

  const measure = (node: Node, depth: number): Measure => {
    const offset = node.range?.[0] ?? 0;
    if (depth > MAX_YAML_NESTING)
      throw new Refused({ offset, message: `nested more than ${MAX_YAML_NESTING} levels deep`, fix: TOO_DEEP_FIX });
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target)
        throw new Refused({
          offset,
          message: `alias *${node.source} names no anchor set before it`,
          fix: `set &${node.source} on a value above this line, or write the value here`,
        });
      const m = measured.get(target);
      if (open.has(target) || !m)
        throw new Refused({
          offset,
          message: `alias *${node.source} is inside the value it names: it would expand forever`,
          fix: 'write the value out instead of referring to itself',
        });
      aliasNodes += m.size;
      if (aliasNodes > MAX_ALIAS_NODES)
        throw new Refused({
          offset,
          message: `aliases expand to more than ${MAX_ALIAS_NODES.toLocaleString('en')} values in this file (an alias bomb?)`,
          fix: 'write the values out, or use fewer aliases',
        });
      if (depth - 1 + m.height > MAX_YAML_NESTING)
        throw new Refused({
          offset,
          message: `nested more than ${MAX_YAML_NESTING} levels deep once alias *${node.source} is expanded`,
          fix: TOO_DEEP_FIX,
        });
      return m;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    open.add(node);
    const children: unknown[] = isMap(node) ? node.items.flatMap((pair) => [pair.key, pair.value]) : isSeq(node) ? node.items : [];
    let size = 1;
    let height = 1;
    for (const child of children) {
      if (!isNode(child)) continue;
      const m = measure(child, depth + 1);
      size += m.size;
      height = Math.max(height, m.height + 1);
    }
    open.delete(node);
    const m = { size, height };
    measured.set(node, m);
    return m;
  };

  try {
    if (doc.contents) measure(doc.contents, 1);
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.problem;
    throw error;
  }
}
