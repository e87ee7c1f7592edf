// A lane writes some datasets for every customer; the two lanes share nothing but the customers' profiles, so they can run in parallel.
import { fileURLToPath } from 'node:url';
import { CustosError, isCustosError, type ErrorCode } from '../../../src/errors.js';
import { compilePolicyFolder, formatDiagnostic, type PolicyModel } from '../../../src/policy/index.js';
import { writeAccounts } from './accounts.js';
import { DISTRIBUTED_PROFILE, type DatasetReport, type GenerateNimbusOptions, type GenerationConfig } from './options.js';
import { customerProfile, type CustomerProfile } from './people.js';
import { poolsFor } from './pools.js';
import { applicationCount, writeApplication } from './recruitment.js';
import { NIMBUS_COLLECTIONS, type GeneratedRow, type GenerationContext, type NimbusCollection, type RowWriter } from './rows.js';
import { planDataset, type TablePlan } from './schema.js';
import { writeSessions } from './sessions.js';
import type { DatasetLoader } from './sinks/loader.js';
import { openLoader } from './targets.js';
import { writeTelemetry } from './telemetry.js';

/** The sample's manifest folder. */
export const NIMBUS_MANIFEST = fileURLToPath(new URL('../privacy/', import.meta.url));
/** Customers per chunk: progress is reported, aborts are noticed and network loaders catch up between chunks. */
const CHUNK = 1000;

interface LaneDefinition {
  readonly datasets: readonly string[];
  readonly perCustomer: (profile: CustomerProfile, ctx: GenerationContext) => void;
  readonly after?: (ctx: GenerationContext) => void;
}

/** About the same number of rows in each: accounts (with recruitment, whose consents it holds) and the logs. */
export const LANES: readonly LaneDefinition[] = [
  {
    datasets: ['accounts', 'recruitment'],
    perCustomer: writeAccounts,
    after: (ctx) => {
      for (let i = 1, n = applicationCount(ctx.customers); i <= n; i++) writeApplication(i, ctx);
    },
  },
  {
    datasets: ['telemetry', 'sessions'],
    perCustomer: (profile, ctx) => {
      writeTelemetry(profile, ctx);
      writeSessions(profile, ctx);
    },
  },
];

/** What a lane is given: the generator's options without callbacks, so that it crosses to a worker thread. */
export type LaneOptions = Omit<GenerateNimbusOptions, 'onProgress' | 'signal' | 'threads'>;

/** What a lane's worker thread tells the main thread. */
export type LaneMessage =
  | { readonly type: 'rows'; readonly customers: number; readonly rows: number }
  | { readonly type: 'step'; readonly step: string }
  | { readonly type: 'done'; readonly result: LaneResult }
  | { readonly type: 'error'; readonly code: ErrorCode; readonly message: string; readonly details: Readonly<Record<string, unknown>> };

export interface LaneHooks {
  readonly onRows: (customers: number, rows: number) => void;
  readonly onStep: (step: string) => void;
  readonly signal?: AbortSignal | undefined;
}

export interface LaneResult {
  readonly rows: Readonly<Record<string, number>>;
  readonly datasets: readonly DatasetReport[];
  readonly phases: { readonly prepareMs: number; readonly rowsMs: number; readonly indexesMs: number };
}

interface Route {
  readonly loader: DatasetLoader;
  readonly table: TablePlan;
  count: number;
}

/** Hands each row to its dataset's loader, numbers ids per collection, and checks once per collection that the manifest and the generator agree on fields. */
class RowRouter implements RowWriter {
  readonly #routes: ReadonlyMap<string, Route>;
  readonly #ids = new Map<string, number>();
  total = 0;

  constructor(routes: ReadonlyMap<string, Route>) {
    this.#routes = routes;
  }

  nextId(collection: NimbusCollection): number {
    const id = (this.#ids.get(collection) ?? 0) + 1;
    this.#ids.set(collection, id);
    return id;
  }

  write(collection: NimbusCollection, row: GeneratedRow): void {
    const route = this.#routes.get(collection);
    if (!route) throw new CustosError({ code: 'internal', message: `${collection} is written by a lane that does not load it` });
    if (route.count === 0) checkFields(route.table, row);
    route.loader.write(route.table, row);
    route.count++;
    this.total++;
  }
}

function checkFields(table: TablePlan, row: GeneratedRow): void {
  const declared = table.columns.map((c) => c.name).sort();
  const generated = Object.keys(row).sort();
  if (declared.join() !== generated.join()) {
    throw new CustosError({
      code: 'invalid-manifest',
      message: `${table.qualifiedName}: the manifest declares ${declared.join(', ')} but the generator writes ${generated.join(', ')}`,
    });
  }
}

/** The manifest in the selected profile, checked to declare exactly the collections the generator fills. */
export function compileNimbusManifest(config: GenerationConfig): PolicyModel {
  const profile = config.stores === 'all' ? DISTRIBUTED_PROFILE : undefined;
  const result = compilePolicyFolder(NIMBUS_MANIFEST, {
    now: config.now,
    profile,
    ...(config.baseDir === undefined ? {} : { baseDir: config.baseDir }),
  });
  if (!result.ok || !result.model) {
    const problems = result.diagnostics.map(formatDiagnostic).join('\n');
    throw new CustosError({ code: 'invalid-manifest', message: `the Nimbus Cloud manifest does not compile:\n${problems}` });
  }
  const declared = [...result.model.index.collections.keys()];
  const missing = declared.filter((q) => !(NIMBUS_COLLECTIONS as readonly string[]).includes(q));
  const extra = NIMBUS_COLLECTIONS.filter((q) => !declared.includes(q));
  const unassigned = [...result.model.datasets.keys()].filter((id) => !LANES.some((lane) => lane.datasets.includes(id)));
  if (missing.length + extra.length + unassigned.length > 0) {
    throw new CustosError({
      code: 'invalid-manifest',
      message: `the generator and the manifest disagree: no rows for ${missing.join(', ') || '-'}; not declared: ${extra.join(', ') || '-'}; no lane for ${unassigned.join(', ') || '-'}`,
    });
  }
  return result.model;
}

/**
 * Writes lane `index` for every customer, then builds its indexes; loaders are closed whatever happens. `model` is
 * `compileNimbusManifest(config)`, compiled once by the caller for both lanes.
 */
export async function runLane(index: number, config: GenerationConfig, model: PolicyModel, hooks: LaneHooks): Promise<LaneResult> {
  const lane = LANES[index];
  if (!lane) throw new CustosError({ code: 'internal', message: `no lane ${index}` });
  const started = performance.now();
  const routes = new Map<string, Route>();
  const loaders: { id: string; kind: string; loader: DatasetLoader; tables: TablePlan[] }[] = [];
  try {
    for (const id of lane.datasets) {
      const dataset = model.datasets.get(id);
      if (!dataset) continue;
      const tables = planDataset(dataset);
      const loader = openLoader(dataset, tables, config);
      loaders.push({ id, kind: dataset.store.kind, loader, tables });
      for (const table of tables) routes.set(table.qualifiedName, { loader, table, count: 0 });
    }
    for (const { loader } of loaders) await loader.prepare();
    const prepared = performance.now();
    const router = new RowRouter(routes);
    const ctx: GenerationContext = {
      seed: config.seedBits,
      now: config.now.getTime(),
      customers: config.customers,
      pools: poolsFor(config.seedBits),
      out: router,
    };
    for (let id = 1; id <= config.customers; id++) {
      lane.perCustomer(customerProfile(id, ctx), ctx);
      if (id % CHUNK === 0 || id === config.customers) {
        if (hooks.signal?.aborted) throw new CustosError({ code: 'aborted', message: `generation aborted after ${id} customers` });
        await Promise.all(loaders.map((l) => l.loader.drain()));
        hooks.onRows(id, router.total);
      }
    }
    lane.after?.(ctx);
    const written = performance.now();
    for (const { id, loader } of loaders) await loader.finish((step) => hooks.onStep(`${id}: ${step}`));
    hooks.onRows(config.customers, router.total);
    const count = (t: TablePlan) => routes.get(t.qualifiedName)?.count ?? 0;
    return {
      rows: Object.fromEntries([...routes].map(([q, r]) => [q, r.count])),
      datasets: loaders.map(({ id, kind, loader, tables }) => ({
        id,
        kind,
        location: loader.location,
        rows: tables.reduce((s, t) => s + count(t), 0),
      })),
      phases: { prepareMs: prepared - started, rowsMs: written - prepared, indexesMs: performance.now() - written },
    };
  } catch (error) {
    if (isCustosError(error)) throw error;
    throw new CustosError({ code: 'store-error', message: `generation failed: ${(error as Error).message}`, cause: error });
  } finally {
    for (const { loader } of loaders) await loader.close().catch(() => undefined);
  }
}
