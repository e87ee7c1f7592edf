// generateNimbus: the sample provider's rows written by two lanes (accounts; logs), in this thread or in two worker threads.
import { Worker } from 'node:worker_threads';
import { CustosError } from '../../../src/errors.js';
import { compileNimbusManifest, LANES, runLane, type LaneHooks, type LaneMessage, type LaneOptions, type LaneResult } from './lanes.js';
import { NIMBUS_COLLECTIONS } from './rows.js';
import { resolveGenerateOptions, type GenerateNimbusOptions, type GenerationConfig, type GenerationReport } from './options.js';

/** Runs a lane in a worker thread that loads the TypeScript sources through tsx, as bin/custos.js does. */
function runLaneInWorker(index: number, options: LaneOptions, hooks: LaneHooks): Promise<LaneResult> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { lane: index, options } });
  const abort = () => worker.postMessage('abort');
  hooks.signal?.addEventListener('abort', abort, { once: true });
  return new Promise<LaneResult>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', abort);
      action();
      void worker.terminate();
    };
    worker.on('message', (message: LaneMessage) => {
      switch (message.type) {
        case 'rows':
          return hooks.onRows(message.customers, message.rows);
        case 'step':
          return hooks.onStep(message.step);
        case 'done':
          return settle(() => resolve(message.result));
        case 'error':
          return settle(() => reject(new CustosError({ code: message.code, message: message.message, details: message.details })));
        default:
          return message satisfies never;
      }
    });
    worker.on('error', (error) =>
      settle(() => reject(new CustosError({ code: 'internal', message: `generator thread failed: ${error.message}`, cause: error }))),
    );
    worker.on('exit', (code) =>
      settle(() => reject(new CustosError({ code: 'internal', message: `generator thread exited (${code}) before finishing` }))),
    );
  });
}

/** What a worker thread is sent: the options without callbacks or signal (which stay in this thread), resolved again there. */
function laneOptions(config: GenerationConfig): LaneOptions {
  return {
    customers: config.customers,
    seed: config.seed,
    stores: config.stores,
    env: { ...config.env },
    force: config.force,
    dir: config.dir,
    baseDir: config.baseDir,
    namespace: config.namespace,
    now: config.now,
  };
}

/**
 * Generates the sample provider's data for `customers` customers: the same seed and count always give the same rows,
 * whether written by one thread or two. Defaults: seed 1, stores `sqlite` (examples/nimbus-cloud/data/*.db), existing
 * tables refused unless `force`, two threads from 20,000 customers. Prints nothing: progress goes to `onProgress`.
 */
export async function generateNimbus(options: GenerateNimbusOptions): Promise<GenerationReport> {
  const config = resolveGenerateOptions(options);
  const model = compileNimbusManifest(config);
  const started = performance.now();
  const progress = LANES.map(() => ({ customers: 0, rows: 0 }));
  const report = (phase: 'prepare' | 'rows' | 'indexes' | 'done', step?: string) =>
    config.onProgress({
      phase,
      customers: Math.floor(progress.reduce((sum, p) => sum + p.customers, 0) / LANES.length),
      totalCustomers: config.customers,
      rows: progress.reduce((sum, p) => sum + p.rows, 0),
      step,
    });
  // One lane failing stops the other, which still closes its files and connections before the failure is reported.
  const stop = new AbortController();
  const forward = () => stop.abort();
  config.signal?.addEventListener('abort', forward, { once: true });
  if (config.signal?.aborted) stop.abort();
  report('prepare');
  const settled = await Promise.allSettled(
    LANES.map((_, index) => {
      const hooks: LaneHooks = {
        onRows: (customers, rows) => {
          const lane = progress[index] as { customers: number; rows: number };
          lane.customers = customers;
          lane.rows = rows;
          report('rows');
        },
        onStep: (step) => report('indexes', step),
        signal: stop.signal,
      };
      const run = config.threads ? runLaneInWorker(index, laneOptions(config), hooks) : runLane(index, config, model, hooks);
      return run.catch((error: unknown) => {
        stop.abort();
        throw error;
      });
    }),
  );
  config.signal?.removeEventListener('abort', forward);
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  // The first failure is the cause; the other lane's `aborted` only follows from it.
  const cause = failures.find((f) => !(f instanceof CustosError && f.code === 'aborted')) ?? failures[0];
  if (cause !== undefined) throw cause;
  const results = settled.map((s) => (s as PromiseFulfilledResult<LaneResult>).value);
  report('done');
  const written = Object.assign({}, ...results.map((r) => r.rows)) as Record<string, number>;
  const rows = Object.fromEntries(NIMBUS_COLLECTIONS.map((q) => [q, written[q] ?? 0]));
  const slowest = (phase: keyof LaneResult['phases']) => Math.round(Math.max(...results.map((r) => r.phases[phase])));
  return {
    customers: config.customers,
    seed: config.seed,
    stores: config.stores,
    now: config.now.toISOString(),
    datasets: results.flatMap((r) => r.datasets).sort((a, b) => a.id.localeCompare(b.id)),
    rows,
    totalRows: Object.values(rows).reduce((sum, n) => sum + n, 0),
    durationMs: Math.round(performance.now() - started),
    phases: { prepareMs: slowest('prepareMs'), rowsMs: slowest('rowsMs'), indexesMs: slowest('indexesMs') },
  };
}
