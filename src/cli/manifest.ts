// Loads the manifest for a command: prints diagnostics, and exits when there is no usable model.
import {
  compilePolicyFolder,
  hasErrors,
  type CompileResult,
  type Diagnostic,
  type DiagnosticCode,
  type ManifestSources,
  type PolicyModel,
} from '../policy/index.js';
import { parseInstant } from './instant.js';
import { CommandExit, EXIT, printDiagnostics } from './output.js';

export const DEFAULT_MANIFEST_DIR = './privacy';

/** `--now` (a strict ISO 8601 date or date-time), or the present; a bad value is an invalid-input error (exit 2). */
export function parseNow(text: string | undefined): Date {
  return text === undefined ? new Date() : parseInstant(text, '--now');
}

/** Diagnostics that mean a file could not be read at all: the input is unusable (exit 2), not merely wrong (exit 1). */
const UNREADABLE: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['CUS001', 'CUS005', 'CUS050']);

/** True when nothing could be read, or some file could not be read as YAML. */
export function manifestUnreadable(result: CompileResult): boolean {
  return result.files.length === 0 || result.diagnostics.some((d) => UNREADABLE.has(d.code));
}

export interface ModelOptions {
  readonly now: Date;
  /** Store profile (default CUSTOS_PROFILE). */
  readonly profile?: string | undefined;
  /** Print warnings too (default true); requests print errors only. */
  readonly warnings?: boolean;
}

export function compileForCommand(dir: string | undefined, options: ModelOptions): CompileResult {
  return compilePolicyFolder(dir ?? DEFAULT_MANIFEST_DIR, { now: options.now, profile: options.profile ?? process.env.CUSTOS_PROFILE });
}

/** The model, or a CommandExit: 2 when a file could not be read, 1 when the manifest has errors. Warnings are printed and tolerated. */
export function requireModel(dir: string | undefined, options: ModelOptions): PolicyModel {
  return requireCompiled(dir, options).model;
}

/** As `requireModel`, with where each node of the manifest is written. */
export function requireCompiled(
  dir: string | undefined,
  options: ModelOptions,
): { model: PolicyModel; sources: ManifestSources; diagnostics: readonly Diagnostic[] } {
  const result = compileForCommand(dir, options);
  printDiagnostics(result.diagnostics.filter((d) => d.severity === 'error' || (d.severity === 'warning' && options.warnings !== false)));
  if (!result.model) throw new CommandExit(manifestUnreadable(result) ? EXIT.unusable : EXIT.errors);
  if (hasErrors(result.diagnostics)) {
    process.stderr.write('custos: the manifest has errors; fix them first (custos lint)\n');
    throw new CommandExit(EXIT.errors);
  }
  if (!result.sources) throw new Error('a compiled model comes with its sources');
  return { model: result.model, sources: result.sources, diagnostics: result.diagnostics };
}
