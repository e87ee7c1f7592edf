// `custos generate dataset`: drafts a manifest dataset from a live store; `custos example generate`: sample provider data.
import type { Command } from 'commander';
import { connectUrl, storeKindOfUrl } from '../../connectors/index.js';
import { draftDataset } from '../../discover/index.js';
import { emit } from '../output.js';

export function registerGenerateCommands(program: Command): void {
  const generate = program.command('generate').description('draft manifest sections from what already exists');
  generate
    .command('dataset')
    .description('draft a dataset section (tables, keys, types, references with proposed links, proposed categories) from a live database')
    .requiredOption('--url <url>', 'sqlite:path, postgres://…, mysql://…, mariadb://… or redis://…')
    .option('--name <id>', 'dataset id in the manifest', 'main')
    .option('--env <variable>', 'environment variable the draft reads the URL from (servers)', 'DATABASE_URL')
    .option('--schema <name>', 'PostgreSQL schema to read (default: the connection default)')
    .option('--samples <n>', 'values sampled per column to propose categories', '20')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (opts: { url: string; name: string; env: string; schema?: string; samples: string; out?: string }) => {
      const kind = storeKindOfUrl(opts.url);
      const connector = await connectUrl(undefined, opts.url, opts.schema ? { schema: opts.schema } : {});
      try {
        const collections = await connector.introspect({ sampleSize: Number(opts.samples) || 20 });
        const file = kind === 'sqlite' ? opts.url.replace(/^(sqlite|file):/, '') : undefined;
        const draft = draftDataset(collections, { name: opts.name, kind: kind ?? 'sqlite', store: file ? { file } : { env: opts.env } });
        emit(draft.yaml, opts.out);
        process.stderr.write(
          `${collections.length} collection(s), ${draft.proposals} proposed categor${draft.proposals === 1 ? 'y' : 'ies'}, ` +
            `${draft.references} reference(s) with a proposed link; the draft's header lists what to review\n`,
        );
        for (const alarm of draft.alarms) process.stderr.write(`warning: ${alarm}\n`);
      } finally {
        await connector.close();
      }
    });
}
