// `custos notice`, `custos ropa`, `custos map`: render documents and pictures from the manifest.
import { Option, type Command } from 'commander';
import { DEFAULT_MANIFEST_DIR, parseNow, requireCompiled, requireModel } from '../manifest.js';
import { emit, EXIT } from '../output.js';
import { LANGUAGES, type Language } from '../../policy/index.js';

interface RenderOptions {
  out?: string;
  now?: string;
}

/** Renderers load on demand, so `custos lint` starts without the layout engine. */
const renderers = () => import('../../render/index.js');

const langOption = () => new Option('--lang <lang>', 'language').choices([...LANGUAGES]).default('en');

export function registerRenderCommands(program: Command): void {
  program
    .command('notice')
    .description('render the privacy notice')
    .argument('[dir]', 'manifest folder', DEFAULT_MANIFEST_DIR)
    .addOption(langOption())
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html']).default('md'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--now <iso>', 'evaluate dates as of this instant')
    .addOption(
      new Option('--explain [format]', 'instead of the notice, list each of its pieces with the manifest file:line it comes from')
        .choices(['text', 'json'])
        .preset('text'),
    )
    .action(async (dir: string, opts: RenderOptions & { lang: Language; format: 'md' | 'html'; explain?: 'text' | 'json' }) => {
      const { model, sources } = requireCompiled(dir, { now: parseNow(opts.now) });
      const { renderNotice, explainNotice, explanationText } = await renderers();
      if (opts.explain === undefined) return emit(renderNotice(model, { lang: opts.lang, format: opts.format }), opts.out);
      const explanation = explainNotice(model, sources, { lang: opts.lang });
      emit(opts.explain === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : explanationText(explanation), opts.out);
      // A sentence nothing in the manifest accounts for is a finding, as a lint error is.
      if (explanation.untraced > 0) process.exitCode = EXIT.errors;
    });

  program
    .command('ropa')
    .description('render the record of processing (GDPR art. 30)')
    .argument('[dir]', 'manifest folder', DEFAULT_MANIFEST_DIR)
    .addOption(langOption())
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'html']).default('csv'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--now <iso>', 'evaluate dates as of this instant')
    .action(async (dir: string, opts: RenderOptions & { lang: Language; format: 'csv' | 'json' | 'html' }) => {
      const model = requireModel(dir, { now: parseNow(opts.now) });
      const { renderRopa } = await renderers();
      emit(renderRopa(model, { format: opts.format, lang: opts.lang }), opts.out);
    });

  program
    .command('map')
    .description('draw the data map: datastores → collections → categories, coloured by class')
    .argument('[dir]', 'manifest folder', DEFAULT_MANIFEST_DIR)
    .addOption(new Option('--format <format>', 'output format').choices(['svg', 'json']).default('svg'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--now <iso>', 'evaluate dates as of this instant')
    .action(async (dir: string, opts: RenderOptions & { format: 'svg' | 'json' }) => {
      const model = requireModel(dir, { now: parseNow(opts.now) });
      const { renderDataMap } = await renderers();
      emit(await renderDataMap(model, { format: opts.format }), opts.out);
    });
}
