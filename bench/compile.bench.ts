// Compiler benchmark: a manifest of 200 purposes × 2,000 fields, against the floor of parsing the same YAML.
import { parse } from 'yaml';
import { compilePolicy } from '../src/policy/index.js';
import { largeManifest } from './large-manifest.js';
import { measure, printTable } from './measure.js';

export async function benchCompile(): Promise<void> {
  const files = largeManifest({ purposes: 200, fields: 2000 });
  const now = new Date('2026-11-23T00:00:00Z');
  const first = compilePolicy(files, { now });
  if (!first.ok)
    throw new Error(
      `bench manifest is not clean: ${first.diagnostics
        .slice(0, 3)
        .map((d) => d.message)
        .join('; ')}`,
    );
  const compile = await measure('compile + lint (200 purposes × 2,000 fields)', () => compilePolicy(files, { now }), { runs: 20 });
  const yaml = await measure('baseline: yaml.parse of the same text', () => parse(files[0]?.text ?? ''), { runs: 20 });
  printTable('compiler', [compile, yaml], [{ label: 'compile+lint / yaml.parse', value: compile.p50 / yaml.p50 }]);
}
