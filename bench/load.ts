// Load for the HTTP benchmarks: autocannon in a child process of its own (its own event loop, on the other core of a
// small machine, not competing with the server's event loop), its JSON result read back through a schema.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';

const DRIVER = join(import.meta.dirname, 'load-driver.ts');

/** The part of autocannon's `--json` result the benchmarks print and check. */
const RESULT = z.object({
  requests: z.object({ average: z.number(), sent: z.number() }),
  latency: z.object({ p50: z.number(), p99: z.number() }),
  '2xx': z.number(),
  non2xx: z.number(),
  errors: z.number(),
  timeouts: z.number(),
  statusCodeStats: z.record(z.string(), z.object({ count: z.number() })),
});

export interface LoadOptions {
  readonly method: 'GET' | 'POST';
  /** A JSON body; each `[<id>]` in it becomes a number of its own in each request. */
  readonly body?: string;
  readonly seconds: number;
  readonly connections: number;
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  readonly perSecond: number;
  /** Latency percentiles, milliseconds. */
  readonly p50: number;
  readonly p99: number;
  /** Answers with a 2xx status. */
  readonly ok: number;
  /** What went wrong, in words ('' when every answer was a 2xx): statuses other than 2xx, socket errors, timeouts. */
  readonly failures: string;
}

/** Drives `url` for `seconds` with `connections` kept busy, from a child process; rejects if autocannon itself fails. */
export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  const { stdout, stderr, code } = await run(process.execPath, ['--import', 'tsx', DRIVER, JSON.stringify({ url, ...options })]);
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const parsed = code === 0 ? RESULT.safeParse(safeJson(line)) : undefined;
  if (!parsed?.success)
    throw new Error(`autocannon on ${url} ended with code ${code} and no result it could read:\n${stderr.slice(-2000)}`);
  const r = parsed.data;
  const others = Object.entries(r.statusCodeStats)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, { count }]) => `${count} × ${status}`);
  const failures = [
    ...(r.non2xx > 0 ? [`${r.non2xx} answers not 2xx (${others.join(', ') || 'statuses not reported'})`] : []),
    ...(r.errors > 0 ? [`${r.errors} socket errors`] : []),
    ...(r.timeouts > 0 ? [`${r.timeouts} timeouts`] : []),
    ...(r['2xx'] === 0 ? ['not one 2xx answer'] : []),
  ].join('; ');
  return { perSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], failures };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function run(command: string, args: readonly string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ stdout, stderr, code }));
  });
}
