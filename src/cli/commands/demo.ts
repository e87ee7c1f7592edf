// `custos demo` (what `npm start` runs): the sample provider end to end — check, render, then answer requests on real data.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { systemClock } from '../../clock.js';
import { compilePolicyFolder, type PolicyModel } from '../../policy/index.js';
import { createConnectorPool } from '../../connectors/index.js';
import { formatErasure, normalizeIdentities, planRequest } from '../../rights/index.js';
import { openStore } from '../../store/index.js';
import { loadPseudonymKey } from '../../vault/index.js';
import { parseNow, requireModel } from '../manifest.js';
import { emit } from '../output.js';

export const SAMPLE_MANIFEST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples/nimbus-cloud/privacy');
const DEMO_CUSTOMERS = 1_000;

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the demo on the sample provider (nimbus-cloud): documents, sample data, an access package, an erasure plan')
    .option('--out <dir>', 'where the demo writes its files', '.custos/demo')
    .option('--now <iso>', 'evaluate dates as of this instant')
    .action(async (opts: { out: string; now?: string }) => {
      const out = resolve(opts.out);
      const model = requireModel(SAMPLE_MANIFEST, { now: parseNow(opts.now) });
      const say = (line = '') => process.stdout.write(`${line}\n`);
      say(`Custos demo — ${model.organization.name}`);
      say(
        `  manifest: ${SAMPLE_MANIFEST} is clean: ${model.purposes.size} purposes, ${model.index.collections.size} collections in ${model.datasets.size} datastores`,
      );

      const { renderDataMap, renderNotice, renderRopa } = await import('../../render/index.js');
      const docs = join(out, 'documents');
      for (const lang of model.languages) {
        emit(renderNotice(model, { lang, format: 'html' }), join(docs, `notice.${lang}.html`));
        emit(renderNotice(model, { lang, format: 'md' }), join(docs, `notice.${lang}.md`));
      }
      emit(renderRopa(model, { format: 'html', lang: 'en' }), join(docs, 'record-of-processing.html'));
      emit(renderRopa(model, { format: 'csv', lang: 'en' }), join(docs, 'record-of-processing.csv'));
      emit(await renderDataMap(model, { format: 'svg' }), join(docs, 'data-map.svg'));

      const data = await sampleData((line) => say(line));
      await answerRequests(data, out, say);
      say();
      say('Open these in a browser:');
      for (const file of ['notice.en.html', 'notice.fr.html', 'record-of-processing.html', 'data-map.svg'])
        say(`  file://${join(docs, file)}`);
      const { nimbusEmail } = await import('../../../examples/nimbus-cloud/generator/index.js');
      say('Try the rights engine on the sample data:');
      say(`  npx custos rights plan examples/nimbus-cloud/privacy --identity email --action erase`);
      say(`  npx custos rights access examples/nimbus-cloud/privacy --identity email=${nimbusEmail(7)} -o access.zip`);
      say(`  npx custos rights erase examples/nimbus-cloud/privacy --identity email=${nimbusEmail(7)} --dry-run`);
    });
}

/** The sample provider's data, generated once (SQLite, a few seconds) where its manifest points: examples/nimbus-cloud/data. */
export async function sampleData(say: (line: string) => void): Promise<PolicyModel> {
  const data = resolve(SAMPLE_MANIFEST, '../data');
  const { generateNimbus } = await import('../../../examples/nimbus-cloud/generator/index.js');
  if (!existsSync(join(data, 'accounts.db'))) {
    say(`  generating sample data: ${DEMO_CUSTOMERS.toLocaleString('en')} customers…`);
    const report = await generateNimbus({ customers: DEMO_CUSTOMERS, stores: 'sqlite', force: true });
    say(`  ${report.totalRows.toLocaleString('en')} rows written to ${data}`);
  }
  const compiled = compilePolicyFolder(SAMPLE_MANIFEST);
  if (!compiled.model) throw new Error('the sample manifest does not compile');
  return compiled.model;
}

async function answerRequests(model: PolicyModel, out: string, say: (line?: string) => void): Promise<void> {
  const { nimbusEmail } = await import('../../../examples/nimbus-cloud/generator/index.js');
  const { writeAccessPackage } = await import('../../rights/package/index.js');
  const store = openStore();
  const pool = createConnectorPool(model);
  const ctx = { model, pool, store, clock: systemClock, pseudonymKey: loadPseudonymKey() };
  try {
    const email = nimbusEmail(1);
    const identities = normalizeIdentities(model, new Map([['email', [email]]]));
    const file = join(out, 'access-customer-1.zip');
    const started = process.hrtime.bigint();
    const access = await writeAccessPackage(ctx, { id: `demo-access-${Date.now()}`, identities }, { out: file, lang: 'en' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    say();
    say(`Access request for ${email}: ${access.rows} rows from ${access.collections} collections in ${ms.toFixed(0)} ms`);
    say(`  package: ${file} (summary.html, data/*.json and *.csv, outbox/)`);
    // The plan alone says what erasure would do: nothing is read.
    const plan = planRequest(model, { action: 'erase', identityKeys: [...identities.keys()] });
    say();
    say(`Erasure plan for the same person (dry run — nothing is changed):`);
    for (const line of formatErasure(plan)) {
      const text = line.trim();
      say(`  ${text.length > 118 ? `${text.slice(0, 117)}…` : text}`);
    }
  } finally {
    await pool.close();
    await store.close();
  }
}
