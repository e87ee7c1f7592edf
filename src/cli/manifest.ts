// Loads the manifest for a command: prints diagnostics, and exits when there is no usable model.
import { compilePolicyFolder, hasErrors, type CompileResult, type PolicyModel } from '../policy/index.js';
import { EXIT, printDiagnostics } from './output.js';

export const DEFAULT_MANIFEST_DIR = './privacy';

/** Parses `--now` (ISO date or date-time); exits 2 on a bad value. */
export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) {
    process.stderr.write(`custos: --now "${text}" is not an ISO date such as 2026-11-23 or 2026-11-23T10:00:00Z\n`);
    process.exit(EXIT.unusable);
  }
  return d;
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

/** The model, or exit: 2 when nothing could be read, 1 when the manifest has errors. Warnings are printed and tolerated. */
export function requireModel(dir: string | undefined, options: ModelOptions): PolicyModel {
  const result = compileForCommand(dir, options);
  printDiagnostics(options.warnings === false ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics);
  if (!result.model) process.exit(result.files.length === 0 ? EXIT.unusable : EXIT.errors);
  if (hasErrors(result.diagnostics)) {
    process.stderr.write('custos: the manifest has errors; fix them first (custos lint)\n');
    process.exit(EXIT.errors);
  }
  return result.model;
}
