// startService: Custos as a running service — the manifest, the store, the job queue, the vault, the desk, mail and the HTTP API.
import type { AddressInfo } from 'node:net';
import { deskJobs, openDesk, type Desk } from '../desk/index.js';
import { CustosError, toCustosError } from '../errors.js';
import { mailJobs, mailTransportFromEnv, queueMailSend } from '../mail/index.js';
import { compilePolicyFolder, formatDiagnostic, hasErrors, type Diagnostic, type PolicyModel } from '../policy/index.js';
import { buildServer, storeStaffAccounts, type CustosServer } from '../server/index.js';
import { loadMasterKeys, loadPseudonymKey, openVault } from '../vault/index.js';
import { custosDataPeriods } from '../retention/index.js';
import { every, housekeep } from './housekeeping.js';
import { resolveServiceOptions, type ServiceConfig, type ServiceOptions } from './options.js';
import { startRetentionSweeps } from './retention.js';
import { openServiceState, type ServiceState } from './state.js';

export interface Service {
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly config: ServiceConfig;
  readonly model: PolicyModel;
  readonly server: CustosServer;
  readonly desk: Desk;
  readonly state: ServiceState;
  /** Whether requests' messages go out over SMTP (else they stay in the outbox). */
  readonly smtp: boolean;
  /**
   * Stops accepting connections and lets requests under way answer, stops fetching jobs and aborts running ones (each is
   * resumable: its next attempt, here or in another process, resumes the journaled run), then closes everything.
   */
  close(): Promise<void>;
}

/**
 * Starts the service. Everything that can be checked is checked before anything listens: the manifest (errors are an
 * `invalid-manifest` naming the first), the master key and SMTP settings (`config`), the store (`store-unavailable`
 * when out of reach; migrated). Resolves once listening.
 */
export async function startService(options: ServiceOptions = {}): Promise<Service> {
  const config = resolveServiceOptions(options);
  const { model, diagnostics } = options.model ? { model: options.model, diagnostics: options.diagnostics ?? [] } : compileModel(config);
  const masterKeys = loadMasterKeys(config.env);
  const transport = mailTransportFromEnv(config.env);
  const pseudonymKey = loadPseudonymKey(config.env);
  // Bad periods of Custos's own records fail the start, like any other setting.
  const ownPeriods = custosDataPeriods(model, config.retention.periods);
  // The server's logger is made with the server; the queue's own failures before then have nowhere else to go.
  let server: CustosServer | undefined;
  const state = await openServiceState(config.store, {
    clock: config.clock,
    queue: { pollIntervalMs: 1000, ...options.queue },
    onQueueError: (error) => server?.app.log.warn({ code: error.code }, 'job queue: polling failed; retrying'),
  });
  const vault = openVault(state.ring, masterKeys, { clock: config.clock });
  const workers = new AbortController();
  const timers: { stop(): Promise<void> }[] = [];
  const shutDown = async () => {
    workers.abort();
    for (const timer of timers) await timer.stop();
    await state.jobs.close();
    await vault.close();
    await state.close();
  };
  try {
    const privacyCenterUrl = options.desk?.privacyCenterUrl ?? config.env['CUSTOS_PRIVACY_CENTER_URL'] ?? ownUrl(config);
    const desk = openDesk({
      model,
      store: state.store,
      jobs: state.jobs,
      vault,
      clock: config.clock,
      options: { ...options.desk, pseudonymKey, packagesDir: config.packagesDir, privacyCenterUrl },
    });
    const { directory, sessions } = storeStaffAccounts(state.store, vault);
    server = await buildServer({
      directory,
      sessions,
      desk,
      apiKeys: state.store.apiKeys,
      diagnostics,
      clock: config.clock,
      docs: config.docs,
      trustProxy: options.trustProxy ?? false,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    const log = server.app.log;
    const work = { signal: workers.signal };
    // The loops end when `workers` aborts; one that fails otherwise (its queue closed under it) is logged, not thrown.
    const stopped = (what: string) => (error: unknown) => log.error({ code: toCustosError(error).code }, `${what}: the worker stopped`);
    void deskJobs(desk, { ...work, concurrency: config.workers, onProgress: options.onProgress }).catch(stopped('request.run'));
    if (transport.delivers) {
      const render = { organizationName: model.organization.name, privacyCenterUrl };
      void mailJobs(
        state.jobs,
        {
          outbox: state.store.outbox,
          transport,
          render,
          clock: config.clock,
          onResults: (results) => log.info({ messages: results.map(({ id, status }) => ({ id, status })) }, 'mail: outbox pass'),
        },
        work,
      ).catch(stopped('mail.send'));
      timers.push(every(config.mailEveryMs, () => queueMailSend(state.jobs)));
    }
    const sessionLimits = server.config.session;
    timers.push(
      every(config.housekeepingMs, () =>
        housekeep({ desk, sessions: state.store.staffSessions, session: sessionLimits, clock: config.clock, log }),
      ),
    );
    const { schedule } = config.retention;
    if (!schedule.off)
      timers.push(
        startRetentionSweeps({
          model,
          store: state.store,
          jobs: state.jobs,
          clock: config.clock,
          env: config.env,
          schedule,
          periods: ownPeriods,
          checkMs: config.retention.checkMs,
          signal: workers.signal,
          log,
        }),
      );
    await listen(server, config);
    const url = urlOf(server.app.server.address() as AddressInfo, config.host);
    const sweeps = schedule.off ? 'off' : `every ${schedule.everyMs / 60_000} min from ${schedule.hour}:00 UTC`;
    log.info({ url, store: config.store.kind, workers: config.workers, smtp: transport.delivers, sweeps }, 'custos: listening');
    const running = server;
    let closing: Promise<void> | undefined;
    return Object.freeze({
      url,
      config,
      model,
      server: running,
      desk,
      state,
      smtp: transport.delivers,
      close: () =>
        (closing ??= (async () => {
          await running.close();
          await shutDown();
        })()),
    });
  } catch (error) {
    await server?.close().catch(() => undefined);
    await shutDown();
    throw error;
  }
}

/** Listens, a port in use or not allowed told as the option to change. */
async function listen(server: CustosServer, config: ServiceConfig): Promise<void> {
  try {
    await server.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL' && code !== 'ENOTFOUND') throw error;
    const why = code === 'EADDRINUSE' ? 'is in use' : code === 'EACCES' ? 'is not allowed to this user' : 'is not an address of this host';
    throw new CustosError({
      code: 'config',
      message: `cannot listen on ${config.host}:${config.port}: it ${why}; choose another --port or --host`,
      details: { option: code === 'EADDRINUSE' || code === 'EACCES' ? 'port' : 'host' },
    });
  }
}

/** The manifest compiled, or an `invalid-manifest` error naming its first error (the command line prints them all first). */
function compileModel(config: ServiceConfig): { model: PolicyModel; diagnostics: readonly Diagnostic[] } {
  const result = compilePolicyFolder(config.dir, { profile: config.profile });
  const first = result.diagnostics.find((d) => d.severity === 'error');
  if (result.model && !hasErrors(result.diagnostics)) return { model: result.model, diagnostics: result.diagnostics };
  throw new CustosError({
    code: 'invalid-manifest',
    message: `the manifest in ${config.dir} cannot be served: ${first ? formatDiagnostic(first) : 'it does not compile'} (custos lint ${config.dir} lists every error)`,
  });
}

/** The address people's links point to when no privacy center is set: this server, as a browser on this host reaches it. */
function ownUrl(config: ServiceConfig): string {
  return `http://${browsable(config.host)}:${config.port === 0 ? 3000 : config.port}`;
}

const urlOf = (address: AddressInfo, host: string): string => `http://${browsable(host)}:${address.port}`;

/** An address a browser can open: every interface is reached as localhost; IPv6 in brackets. */
const browsable = (host: string): string => (host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host);
