// What every lint rule receives: the model, where things are in the files, the clock, and a way to report.
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import type { PolicyModel } from '../model.js';
import { formatPath, type PathSegment, type SourceMap } from '../sources.js';

export interface LintContext {
  readonly model: PolicyModel;
  readonly now: Date;
  /** True when the manifest's files hold this path: a rule about something missing points at its parent otherwise. */
  declared(path: readonly PathSegment[]): boolean;
  report(code: DiagnosticCode, message: string, path: readonly PathSegment[], fix?: string): void;
}

export type LintRule = (ctx: LintContext) => void;

export function createLintContext(model: PolicyModel, sourceMap: SourceMap, now: Date, out: Diagnostic[]): LintContext {
  return {
    model,
    now,
    declared: (path) => sourceMap.has(path),
    report(code, message, path, fix) {
      out.push(diagnostic(code, message, { location: sourceMap.locate(path), path: formatPath(path), fix }));
    },
  };
}
