// `custos notice --explain` as a DPO runs it: every piece with its file:line, as text or JSON, exit 0 when all are traced.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('custos notice --explain', () => {
  it('gives every piece of the Quebec sample’s notice as JSON with the file and line it comes from', async () => {
    const run = await runCli(['notice', 'examples/boreal-hebergement/privacy', '--lang', 'fr-CA', '--explain', 'json'], { cwd: ROOT });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const e = JSON.parse(run.stdout) as {
      lang: string;
      untraced: number;
      pieces: { kind: string; text: string; sources: { path: string; location: { file: string; line: number } }[] }[];
    };
    expect(e.lang).toBe('fr-CA');
    expect(e.untraced).toBe(0);
    const tail = e.pieces.find((p) => p.kind === 'row' && p.text.startsWith('Facturation et paiements'));
    expect(tail?.sources.map((s) => s.path)).toEqual([
      'purposes.billing.name',
      'purposes.billing.retention',
      'retention.contract-then-law',
      'legalHolds.tax-law',
    ]);
    expect(tail?.sources[0]?.location.file).toBe('examples/boreal-hebergement/privacy/processing.yaml');
  });

  it('prints one line per piece and a summary in the text form', async () => {
    const run = await runCli(['notice', 'examples/nimbus-cloud/privacy', '--explain'], { cwd: ROOT });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# Privacy policy — Nimbus Cloud SAS\n/);
    expect(run.stdout).toMatch(/← examples\/nimbus-cloud\/privacy\/organization\.yaml:\d+ organization\.name/);
    expect(run.stdout).toMatch(/notice \(en\): \d+ pieces, each traced to the manifest\n$/);
  });
});
