// `custos example generate`: fills the sample provider's stores with deterministic synthetic data, with a progress bar.
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
// Not the generator's index: that loads every database client, which would slow down every command's start.
import { DEFAULT_SEED, DEFAULT_STORES, STORE_SELECTIONS, type StoreSelection } from '../../../examples/nimbus-cloud/generator/options.js';

export function registerExampleCommands(program: Command): void {
  const example = program.command('example').description('the sample provider, nimbus-cloud');
  example
    .command('generate')
    .description('generate realistic synthetic data for nimbus-cloud (about 36 rows per customer)')
    .requiredOption('--customers <n>', 'how many customers (ids 1…n)')
    .addOption(
      new Option('--stores <stores>', 'sqlite: the manifest’s SQLite files; all: the distributed profile (PostgreSQL, MariaDB, Redis)')
        .choices(STORE_SELECTIONS)
        .default(DEFAULT_STORES),
    )
    .option('--seed <seed>', `same seed and size, same data (default ${DEFAULT_SEED})`)
    .option('--force', 'drop and recreate tables (or keys) that already exist')
    .action(async (opts: { customers: string; stores: StoreSelection; seed?: string; force?: boolean }) => {
      const { generateNimbus } = await import('../../../examples/nimbus-cloud/generator/index.js');
      const bar = new cliProgress.SingleBar(
        { format: '{phase} [{bar}] {value}/{total} customers · {rows} rows {step}', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      // Started on the first progress, once the generator has accepted the options: an invalid count prints only its error.
      let started = false;
      try {
        const report = await generateNimbus({
          customers: Number(opts.customers),
          stores: opts.stores,
          ...(opts.seed === undefined ? {} : { seed: opts.seed }),
          force: Boolean(opts.force),
          onProgress: (p) => {
            if (!started) bar.start(p.totalCustomers, 0, { phase: 'prepare', rows: 0, step: '' });
            started = true;
            bar.update(p.customers, { phase: p.phase.padEnd(7), rows: p.rows.toLocaleString('en'), step: p.step ?? '' });
          },
        });
        bar.stop();
        process.stdout.write(
          `${report.totalRows.toLocaleString('en')} rows for ${report.customers.toLocaleString('en')} customers in ${(report.durationMs / 1000).toFixed(1)} s\n`,
        );
        for (const [collection, rows] of Object.entries(report.rows))
          process.stdout.write(`  ${collection.padEnd(36)} ${rows.toLocaleString('en').padStart(12)}\n`);
      } finally {
        bar.stop();
      }
    });
}
