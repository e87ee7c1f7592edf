// `custos retention plan`: what a retention sweep at an instant would delete or anonymise, per rule and collection (a dry run).
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { createConnectorPool } from '../../connectors/index.js';
import { SECRET_PARAMS } from '../../mail/index.js';
import type { PolicyModel } from '../../policy/index.js';
import {
  custosDataOverrides,
  custosDataPeriods,
  formatCustosData,
  formatRetentionPlan,
  formatRetentionSweep,
  planCustosData,
  planRetention,
  runRetention,
  sweepCustosData,
  type CustosDataPeriods,
  type RunRetentionOptions,
} from '../../retention/index.js';
import { withStore } from '../context.js';
import { DEFAULT_MANIFEST_DIR, parseNow, requireModel } from '../manifest.js';
import { emit, EXIT } from '../output.js';

interface RunOptions extends PlanOptions {
  sweepId?: string;
}

/**
 * One progress bar per rule and collection on a terminal (stderr), its total the due rows found so far (a sweep reading
 * only what may have expired finds them as it goes); nothing when stderr is not a terminal.
 */
function sweepProgress(): { onProgress?: RunRetentionOptions['onProgress']; stop(): void } {
  if (!process.stderr.isTTY) return { stop: () => undefined };
  const bars = new cliProgress.MultiBar(
    { format: '{name} [{bar}] {value}/{total} rows', stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const byCondition = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress({ rule, collection, done, total }) {
      const name = `${rule} · ${collection}`;
      let bar = byCondition.get(name);
      if (!bar) byCondition.set(name, (bar = bars.create(total, done, { name })));
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done, { name });
    },
    stop: () => bars.stop(),
  };
}

/** The periods of Custos's own records: the manifest's rule for request records, or CUSTOS_RETENTION_* (ISO durations). */
function ownPeriods(model: PolicyModel): CustosDataPeriods {
  return custosDataPeriods(model, custosDataOverrides(process.env));
}

interface PlanOptions {
  now?: string;
  json?: boolean;
  store?: string;
  profile?: string;
}

export function registerRetentionCommands(program: Command): void {
  const retention = program.command('retention').description("the manifest's retention rules applied to the provider's stores");

  retention
    .command('plan')
    .description(
      'count, per rule and collection, the rows a sweep would delete or anonymise and those holds or restrictions keep; changes nothing',
    )
    .argument('[dir]', 'manifest folder', DEFAULT_MANIFEST_DIR)
    .option('--now <iso>', 'the instant the sweep would run at (2026-11-23 or 2026-11-23T10:00:00Z; default now)')
    .option('--json', 'print the plan as JSON')
    .option('--store <location>', "Custos's own store, for the holds erasures left (default .custos/custos.db or CUSTOS_STORE)")
    .option('--profile <name>', 'store profile of the datasets (default CUSTOS_PROFILE)')
    .action(async (dir: string, opts: PlanOptions) => {
      const now = parseNow(opts.now);
      const model = requireModel(dir, { now, profile: opts.profile, warnings: false });
      await withStore(opts.store, async (store) => {
        const holdRecords = await store.holds.inForce(now);
        const pool = createConnectorPool(model);
        try {
          const plan = await planRetention(model, pool, { now, holdRecords });
          const ownRecords = await planCustosData(store, now, ownPeriods(model), { secretParams: SECRET_PARAMS });
          emit(
            opts.json
              ? JSON.stringify({ ...plan, ownRecords }, null, 2)
              : `${formatRetentionPlan(plan)}\n${formatCustosData(ownRecords, 'plan')}`,
          );
        } finally {
          await pool.close();
        }
      });
    });

  retention
    .command('run')
    .description('delete or anonymise the rows past their retention, in short batches; the same --sweep-id resumes an interrupted sweep')
    .argument('[dir]', 'manifest folder', DEFAULT_MANIFEST_DIR)
    .option('--now <iso>', 'the instant the sweep runs at (default now; a resumed sweep keeps its own)')
    .option('--sweep-id <id>', 'journal id of the sweep (default sweep-<now>)')
    .option('--json', 'print the sweep result as JSON')
    .option('--store <location>', "Custos's own store: journal, holds and audit trail (default .custos/custos.db or CUSTOS_STORE)")
    .option('--profile <name>', 'store profile of the datasets (default CUSTOS_PROFILE)')
    .action(async (dir: string, opts: RunOptions) => {
      const now = parseNow(opts.now);
      const model = requireModel(dir, { now, profile: opts.profile, warnings: false });
      const controller = new AbortController();
      // Ctrl-C pauses between batches: the sweep's journal lets the same --sweep-id finish it.
      const pause = () => controller.abort();
      process.once('SIGINT', pause);
      await withStore(opts.store, async (store) => {
        const pool = createConnectorPool(model);
        try {
          const periods = ownPeriods(model);
          const progress = sweepProgress();
          const sweep = await runRetention(model, pool, store, {
            now,
            sweepId: opts.sweepId,
            signal: controller.signal,
            ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
          }).finally(() => progress.stop());
          // Custos's own records at the sweep's instant (a resumed sweep keeps its own), once the provider's rows are done.
          const ownRecords =
            sweep.status === 'paused'
              ? undefined
              : await sweepCustosData(store, new Date(sweep.now), periods, { sweepId: sweep.sweepId, secretParams: SECRET_PARAMS });
          emit(
            opts.json
              ? JSON.stringify({ ...sweep, ...(ownRecords ? { ownRecords } : {}) }, null, 2)
              : `${formatRetentionSweep(sweep)}${ownRecords ? `\n${formatCustosData(ownRecords, 'run')}` : ''}`,
          );
          // A sweep whose anonymised rows miss their declared thresholds is not a success: the data is not anonymous yet.
          if (sweep.status !== 'completed' || sweep.conditions.some((c) => c.anonymity && !c.anonymity.passed))
            process.exitCode = EXIT.errors;
        } finally {
          process.off('SIGINT', pause);
          await pool.close();
        }
      });
    });
}
