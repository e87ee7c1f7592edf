// `custos demo` (what `npm start` runs): checks the sample provider's manifest and renders its documents.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { parseNow, requireModel } from '../manifest.js';
import { emit } from '../output.js';

export const SAMPLE_MANIFEST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples/nimbus-cloud/privacy');

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the demo on the sample provider (nimbus-cloud)')
    .option('--out <dir>', 'where to write the rendered documents', '.custos/demo')
    .option('--now <iso>', 'evaluate dates as of this instant')
    .action(async (opts: { out: string; now?: string }) => {
      const model = requireModel(SAMPLE_MANIFEST, parseNow(opts.now));
      const { renderDataMap, renderNotice, renderRopa } = await import('../../render/index.js');
      process.stderr.write(`Custos demo — ${model.organization.name}: manifest is clean (${model.purposes.size} purposes, ${model.index.collections.size} collections)\n`);
      for (const lang of model.languages) {
        emit(renderNotice(model, { lang, format: 'html' }), join(opts.out, `notice.${lang}.html`));
        emit(renderNotice(model, { lang, format: 'md' }), join(opts.out, `notice.${lang}.md`));
      }
      emit(renderRopa(model, { format: 'html', lang: 'en' }), join(opts.out, 'ropa.html'));
      emit(renderRopa(model, { format: 'csv', lang: 'en' }), join(opts.out, 'ropa.csv'));
      emit(await renderDataMap(model, { format: 'svg' }), join(opts.out, 'data-map.svg'));
      process.stdout.write(renderNotice(model, { lang: 'en', format: 'md' }));
    });
}
