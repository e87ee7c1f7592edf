// `custos serve [DIR]`: the request desk and its HTTP API as a long-running service, until SIGINT or SIGTERM.
import { Option, type Command } from 'commander';
import { CustosError } from '../../errors.js';
import type { PolicyModel } from '../../policy/index.js';
import type { Service, ServiceOptions } from '../../service/index.js';
import { requireCompiled } from '../manifest.js';
import { EXIT } from '../output.js';

export interface ServeOptions {
  store?: string;
  port?: string;
  host?: string;
  docs: boolean;
  workers?: string;
  profile?: string;
  retentionEvery?: string;
  retentionHour?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the request desk: the HTTP API (/api/docs), request runs and e-mail as jobs, until Ctrl-C')
    .argument('[dir]', 'manifest folder', './privacy')
    .option('--store <location>', "Custos's own store: a SQLite file or postgres://… (default CUSTOS_STORE, else .custos/custos.db)")
    .option('--port <n>', 'port to listen on (0: any free port)', '3000')
    .option('--host <address>', 'address to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .option('--no-docs', 'serve neither /api/docs nor /api/openapi.json')
    .option('--workers <n>', 'requests this process runs at once', '2')
    .addOption(new Option('--profile <name>', "the manifest's store profile (default CUSTOS_PROFILE)"))
    .option('--retention-every <interval>', 'retention sweeps every 24h, 6h, 30m, 7d… or off (default CUSTOS_RETENTION_EVERY, else 24h)')
    .option('--retention-hour <h>', 'UTC hour the sweeps count from, 0 to 23 (default CUSTOS_RETENTION_HOUR, else 3)')
    .action(async (dir: string, opts: ServeOptions) => {
      const { model, diagnostics } = requireCompiled(dir, { now: new Date(), profile: opts.profile, warnings: false });
      await serveUntilStopped(model, {
        dir,
        diagnostics,
        ...(opts.store === undefined ? {} : { store: opts.store }),
        port: whole(opts.port, '--port'),
        ...(opts.host === undefined ? {} : { host: opts.host }),
        docs: opts.docs,
        workers: whole(opts.workers, '--workers'),
        ...(opts.retentionEvery === undefined && opts.retentionHour === undefined
          ? {}
          : {
              retention: {
                ...(opts.retentionEvery === undefined ? {} : { every: opts.retentionEvery }),
                ...(opts.retentionHour === undefined ? {} : { hour: whole(opts.retentionHour, '--retention-hour')! }),
              },
            }),
      });
    });
}

/**
 * Starts the service, prints the line that says where it is (and `extra` lines after it), and resolves once a signal
 * has stopped it: the server stops accepting, running jobs are aborted resumably, and everything is closed.
 */
export async function serveUntilStopped(
  model: PolicyModel,
  options: ServiceOptions,
  extra: (service: Service) => readonly string[] = () => [],
): Promise<void> {
  // Loaded when serving: every other command starts without the service's dependencies (desk, mail, job queues).
  const { startService } = await import('../../service/index.js');
  const service = await startService({ ...options, model });
  const { url } = service;
  const docs = service.config.docs ? `API docs ${url}/api/docs` : 'API docs off';
  const mail = service.smtp ? 'mail over SMTP' : 'mail kept in the outbox (no CUSTOS_SMTP_URL)';
  const { schedule } = service.config.retention;
  const sweeps = schedule.off
    ? 'retention sweeps off'
    : `retention sweeps every ${duration(schedule.everyMs)} from ${schedule.hour}:00 UTC`;
  // The stop handlers are installed before anything is printed: whoever reads the address may signal at once.
  const stopped = new Promise<void>((resolve) => {
    let stopping = false;
    // The handlers stay installed while closing: a second signal then ends the process at once (crash-safe: requests
    // under way resume at the next start) instead of falling to the default action, which would report a kill.
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`custos: ${signal} again: stopping now without closing (running requests resume at the next start)\n`);
        process.exit(EXIT.errors);
      }
      stopping = true;
      process.stderr.write(`custos: ${signal}: stopping (running requests resume at the next start)\n`);
      const done = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      void service.close().then(done, (error: unknown) => {
        process.stderr.write(`custos: could not close everything: ${error instanceof Error ? error.message : String(error)}\n`);
        done();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write(
    `custos: serving ${model.organization.name} at ${url} — ${docs}; store ${service.config.store.kind}; ${mail}; ${sweeps}\n`,
  );
  for (const line of extra(service)) process.stdout.write(`${line}\n`);
  await stopped;
}

/** An interval as people write it: 24h, 30m, 7d. */
function duration(ms: number): string {
  if (ms % 86_400_000 === 0 && ms > 86_400_000) return `${ms / 86_400_000}d`;
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${ms / 60_000}m`;
}

function whole(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d{1,6}$/.test(text)) return Number(text);
  throw new CustosError({ code: 'invalid-input', message: `${option} must be a whole number, e.g. ${option} 3000`, details: { option } });
}
