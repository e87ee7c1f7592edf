// Turns zod issues into diagnostics placed at file:line:column, with "did you mean" for unknown keys and values.
import type { z } from 'zod';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import { formatPath, type PathSegment, type SourceMap } from './sources.js';
import { didYouMean } from './suggest.js';

type AnySchema = z.core.$ZodType;

/** The object keys a schema accepts at `path`, for suggestions (empty when not an object there). */
export function keysAt(schema: AnySchema, path: readonly PathSegment[]): string[] {
  let node: AnySchema | undefined = schema;
  for (const segment of path) {
    node = node && childSchema(unwrap(node), segment);
  }
  const target = node && unwrap(node);
  const def = target?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: AnySchema): AnySchema {
  let node = schema;
  for (;;) {
    const def = node._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema; options?: AnySchema[] };
    if (def.innerType) node = def.innerType;
    else if (def.type === 'pipe' && def.in) node = def.in;
    else if (def.type === 'union' && def.options) {
      const object = def.options.find((o) => ['object', 'record'].includes(unwrap(o)._zod.def.type));
      if (!object) return node;
      node = object;
    } else return node;
  }
}

function childSchema(schema: AnySchema, segment: PathSegment): AnySchema | undefined {
  const def = schema._zod.def as { type: string; shape?: Record<string, AnySchema>; valueType?: AnySchema; element?: AnySchema };
  if (def.type === 'object') return def.shape?.[String(segment)];
  if (def.type === 'record') return def.valueType;
  if (def.type === 'array') return def.element;
  return undefined;
}

/** Converts schema issues to diagnostics. */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  schema: AnySchema,
  sourceMap: SourceMap,
  data: unknown,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    const branch = issue.code === 'invalid_union' && !codedIssue(issue) ? matchingBranch(issue.errors, valueAt(data, path)) : undefined;
    if (branch) {
      // One alternative of the union has the value's shape (a list of bases, not one basis): its own issues say what is wrong.
      out.push(
        ...issuesToDiagnostics(
          branch.map((i) => ({ ...i, path: [...path, ...i.path] })),
          schema,
          sourceMap,
          data,
        ),
      );
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      for (const key of issue.keys) {
        const where = [...path, key];
        out.push(
          diagnostic('CUS003', `unknown key "${key}"${path.length ? ` in ${formatPath(path)}` : ''}`, {
            location: sourceMap.locate(where),
            path: formatPath(where),
            fix: didYouMean(key, known) ?? (known.length ? `expected one of: ${known.join(', ')}` : undefined),
          }),
        );
      }
      continue;
    }
    const coded = codedIssue(issue);
    if (coded) {
      out.push(
        diagnostic(coded.code, `${formatPath(path)}: ${coded.message}`, {
          location: sourceMap.locate(path),
          path: formatPath(path),
          fix: coded.fix,
        }),
      );
      continue;
    }
    const value = valueAt(data, path);
    // A missing key whose schema is a union (localized text, `extension`…) fails as a union, not as a type.
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && value === undefined) {
      const key = path.at(-1);
      const code = path.length === 1 ? 'CUS006' : 'CUS002';
      out.push(
        diagnostic(
          code,
          `missing required ${path.length === 1 ? 'section' : 'key'} "${String(key)}"${path.length > 1 ? ` in ${formatPath(path.slice(0, -1))}` : ''}`,
          {
            location: sourceMap.locate(path.slice(0, -1)),
            path: formatPath(path),
          },
        ),
      );
      continue;
    }
    let fix: string | undefined;
    if (issue.code === 'invalid_value' && typeof value === 'string') {
      const allowed = issue.values.map(String);
      fix = didYouMean(value, allowed) ?? `expected one of: ${allowed.join(', ')}`;
    }
    const message =
      issue.code === 'invalid_value'
        ? `${formatPath(path)}: "${String(value)}" is not allowed here`
        : issue.code === 'invalid_type'
          ? `${formatPath(path)}: expected ${issue.expected}, got ${describe(value)}`
          : `${formatPath(path)}: ${issue.message}`;
    out.push(diagnostic('CUS002', message, { location: sourceMap.locate(path), path: formatPath(path), fix }));
  }
  return out;
}

/** Codes a schema check names itself (`params: { diagnostic, fix }`), also when it failed inside a union (`extension`). */
const OWN_CODES = ['CUS002', 'CUS003', 'CUS051', 'CUS072', 'CUS076', 'CUS077'] as const;

function codedIssue(issue: z.core.$ZodIssue): { code: (typeof OWN_CODES)[number]; message: string; fix?: string } | undefined {
  const candidates = issue.code === 'invalid_union' ? issue.errors.flat() : [issue];
  for (const candidate of candidates) {
    if (candidate.code !== 'custom') continue;
    const params = candidate.params as { diagnostic?: unknown; fix?: unknown } | undefined;
    const code = OWN_CODES.find((c) => c === params?.diagnostic);
    if (code) return { code, message: candidate.message, ...(typeof params?.fix === 'string' ? { fix: params.fix } : {}) };
  }
  return undefined;
}

/** The one alternative of a union whose shape the value has (its issues are inside it), if exactly one. */
function matchingBranch(branches: readonly (readonly z.core.$ZodIssue[])[], value: unknown): readonly z.core.$ZodIssue[] | undefined {
  if (value === undefined) return undefined;
  const shaped = branches.filter(
    (issues) =>
      !issues.some(
        (i) =>
          i.path.length === 0 &&
          (i.code === 'invalid_type' || (i.code === 'invalid_value' && !i.values.some((v) => typeof v === typeof value))),
      ),
  );
  return shaped.length === 1 ? shaped[0] : undefined;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
