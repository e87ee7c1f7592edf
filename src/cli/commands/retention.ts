// `custos retention plan`: what a retention sweep at an instant would delete or anonymise, per rule and collection (a dry run).
import type { Command } from 'commander';
import { createConnectorPool } from '../../connectors/index.js';
import { formatRetentionPlan, planRetention } from '../../retention/index.js';
import { withStore } from '../context.js';
import { DEFAULT_MANIFEST_DIR, parseNow, requireModel } from '../manifest.js';
import { emit } from '../output.js';

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
          emit(opts.json ? JSON.stringify(plan, null, 2) : formatRetentionPlan(plan));
        } finally {
          await pool.close();
        }
      });
    });
}
