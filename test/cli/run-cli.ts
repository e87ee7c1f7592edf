// Runs the `custos` command in a child process, as a user's shell would, and collects its exit status and output.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/custos.js', import.meta.url));

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd: string;
  /** Closes the reading end of stdout at once, like `custos … | head` once head has what it wants. */
  readonly closeStdout?: boolean;
  /** Written to the command's stdin, which is then closed (`printf … | custos …`). Without it, stdin is empty. */
  readonly input?: string;
}

/** Runs `custos args…` in `cwd`, without the CUSTOS_* settings of the environment running the tests. */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CUSTOS_')));
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Without input, stdin is empty: a command that reads it sees its end at once, never waits.
  child.stdin.end(options.input ?? '');
  let stdout = '';
  let stderr = '';
  if (options.closeStdout) child.stdout.destroy();
  else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
