// The library's public face: what package.json exports compiles a manifest, renders its notice and plans a request.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as custos from './index.js';

const NIMBUS = new URL('../examples/nimbus-cloud/privacy', import.meta.url).pathname;

describe('the custos package', () => {
  it('exports files that exist: the library face, and the JSON Schema `npm run prepare` generates', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(existsSync(new URL(`../${pkg.exports['.']}`, import.meta.url))).toBe(true);
    expect(pkg.scripts.prepare).toContain(`schema -o ${(pkg.exports['./schema.json'] ?? '').replace(/^\.\//, '')}`);
  });

  it('compiles the sample manifest, renders its notice and plans an erasure through the public face alone', () => {
    const compiled = custos.compilePolicyFolder(NIMBUS, { now: new Date('2026-01-15T00:00:00Z') });
    expect(compiled.diagnostics.map(custos.formatDiagnostic)).toEqual([]);
    const model = compiled.model as custos.PolicyModel;
    expect(custos.renderNotice(model, { lang: 'en', format: 'md' })).toContain('Nimbus');
    const plan = custos.planRequest(model, { action: 'erase', identityKeys: ['email'] });
    expect(plan.lookups.length).toBeGreaterThan(0);
    expect(plan.erasure.length).toBeGreaterThan(0);
  });

  it('leaves the command line out', () => {
    expect(Object.keys(custos)).not.toContain('main');
    expect(Object.keys(custos)).toContain('CustosError');
  });
});
