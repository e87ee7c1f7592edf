// The CLI's only printing: results to stdout, diagnostics and one-line errors to stderr, and exit codes.
import { writeFileSync } from 'node:fs';
import { formatDiagnostic, type Diagnostic } from '../policy/index.js';
import { isCustosError, type ErrorCode } from '../errors.js';
import { prepareOutputFile, writePrivateFile } from './paths.js';

/**
 * Exit codes: 0 ok, 1 the input has errors (or a request failed), 2 unusable input or usage, 75 try again later (another
 * process is running the same request; sysexits' EX_TEMPFAIL).
 */
export const EXIT = { ok: 0, errors: 1, unusable: 2, busy: 75 } as const;

const EXIT_BY_ERROR: Record<ErrorCode, number> = {
  'invalid-manifest': EXIT.errors,
  'invalid-input': EXIT.unusable,
  'unknown-identity': EXIT.unusable,
  'not-found': EXIT.errors,
  config: EXIT.unusable,
  'store-unavailable': EXIT.errors,
  'store-error': EXIT.errors,
  'precondition-failed': EXIT.errors,
  conflict: EXIT.errors,
  'request-busy': EXIT.busy,
  unauthorized: EXIT.errors,
  forbidden: EXIT.errors,
  'rate-limited': EXIT.busy,
  aborted: EXIT.errors,
  closed: EXIT.errors,
  internal: EXIT.errors,
};

export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

/**
 * Writes to a file or to stdout. A document's file gets its folder created; a file of personal data (`personal`) is
 * written 0600 and only into a folder that exists, so a typo does not leave someone's data in a new place.
 */
export function emit(text: string, outFile?: string, options: { readonly personal?: boolean } = {}): void {
  if (outFile) {
    const file = prepareOutputFile(outFile, { createFolder: !options.personal });
    if (options.personal) writePrivateFile(file, text);
    else writeFileSync(file, text);
    process.stderr.write(`wrote ${outFile}\n`);
  } else {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/**
 * A reader that closes the output early (`custos … | head`) ends the output, not the work: what is still written is
 * dropped (a destroyed stream drops writes), a request under way finishes and closes its connections, and the command
 * exits with the code it would have had, so `custos lint | head -1` still fails on errors. Without this, the write that
 * meets the closed pipe raises EPIPE as an unhandled error event and Node prints a stack trace.
 */
export function tolerateClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return;
      fail(error);
    });
  }
}

/**
 * Ends a command with an exit code, what it had to say already printed (the diagnostics of a manifest that cannot be
 * used). Thrown rather than exiting, so what the command opened is closed on the way out.
 */
export class CommandExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CommandExit';
  }
}

/**
 * One line per failure, never a stack trace (set CUSTOS_DEBUG=1 to see one). Sets the exit code and lets the process end
 * by itself: `process.exit` would cut short what is still being closed or written (a store, a connection, piped output).
 */
export function fail(error: unknown): void {
  if (error instanceof CommandExit) {
    process.exitCode = error.exitCode;
    return;
  }
  if (isCustosError(error)) {
    process.stderr.write(`custos: ${error.message}\n`);
    process.exitCode = EXIT_BY_ERROR[error.code];
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`custos: unexpected error: ${message}\n`);
  if (process.env.CUSTOS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = EXIT.errors;
}
