// `custos example generate`: fills the sample provider's stores with deterministic synthetic data, with a progress bar.
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { CustosError } from '../../errors.js';

export function registerExampleCommands(program: Command): void {
  const example = program.command('example').description('the sample provider, nimbus-cloud');
  example
    .command('generate')
    .description('generate realistic synthetic data for nimbus-cloud (about 36 rows per customer)')
    .requiredOption('--customers <n>', 'how many customers (ids 1…n)')
    .addOption(
      new Option('--stores <stores>', 'sqlite: the manifest’s SQLite files; all: the distributed profile (PostgreSQL, MariaDB, Redis)')
        .choices(['sqlite', 'all'])
        .default('sqlite'),
    )
    .option('--seed <seed>', 'same seed and size, same data', '1')
    .option('--force', 'drop and recreate tables (or keys) that already exist')
    .action(async (opts: { customers: string; stores: 'sqlite' | 'all'; seed: string; force?: boolean }) => {
      const customers = Number(opts.customers);
      if (!Number.isInteger(customers) || customers < 1)
        throw new CustosError({
          code: 'invalid-input',
          message: `--customers must be a whole number of at least 1, not "${opts.customers}"`,
        });
      const { generateNimbus } = await import('../../../examples/nimbus-cloud/generator/index.js');
      const bar = new cliProgress.SingleBar(
        { format: '{phase} [{bar}] {value}/{total} customers · {rows} rows {step}', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(customers, 0, { phase: 'prepare', rows: 0, step: '' });
      try {
        const report = await generateNimbus({
          customers,
          stores: opts.stores,
          seed: opts.seed,
          force: Boolean(opts.force),
          onProgress: (p) => bar.update(p.customers, { phase: p.phase.padEnd(7), rows: p.rows.toLocaleString('en'), step: p.step ?? '' }),
        });
        bar.stop();
        const total = Object.values(report.rows).reduce((a, b) => a + b, 0);
        process.stdout.write(
          `${total.toLocaleString('en')} rows for ${customers.toLocaleString('en')} customers in ${(report.durationMs / 1000).toFixed(1)} s\n`,
        );
        for (const [collection, rows] of Object.entries(report.rows))
          process.stdout.write(`  ${collection.padEnd(36)} ${rows.toLocaleString('en').padStart(12)}\n`);
      } finally {
        bar.stop();
      }
    });
}
