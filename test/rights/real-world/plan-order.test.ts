// Property: the same manifest written in another order (keys shuffled at every depth, sections and identities spread
// over files in shuffled order) gives the very same plan for every action, on each real-world schema. Fixed seed.
import { describe, expect, it } from 'vitest';
import { compilePolicy, type PolicyModel } from '../../../src/policy/index.js';
import { planRequest, RIGHTS_ACTIONS, type RightsPlan } from '../../../src/rights/index.js';
import { CHINOOK } from './chinook.js';
import { COMMON_MANIFEST } from './common.js';
import { HR } from './hr.js';
import { permuteManifest, seeded, type ManifestFile, type Shuffled } from './permute.js';
import { SAKILA } from './sakila.js';
import type { SchemaSpec } from './world.js';

const PERMUTATIONS = 50;
const SEED = 20261206;

function compile(files: readonly ManifestFile[]): PolicyModel {
  const result = compilePolicy(files, { baseDir: '/nonexistent', now: new Date('2026-11-23T00:00:00Z') });
  if (!result.model || !result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  return result.model;
}

/** Every plan of a model: each action, for each identity alone and for all of them together. */
function plans(model: PolicyModel): Record<string, RightsPlan> {
  const keys = [...model.identities.keys()].sort();
  const out: Record<string, RightsPlan> = {};
  for (const action of RIGHTS_ACTIONS) {
    for (const identityKeys of [...keys.map((k) => [k]), keys]) {
      out[`${action} by ${identityKeys.join('+')}`] = planRequest(model, { action, identityKeys });
    }
  }
  return out;
}

function samePlans(spec: SchemaSpec, how: Shuffled, permutations = PERMUTATIONS) {
  const texts = [COMMON_MANIFEST, spec.manifest.replaceAll('{{store}}', `{ kind: sqlite, file: ${spec.name}.db }`)];
  const expected = plans(compile(texts.map((text, i) => ({ path: `${i}.yaml`, text }))));
  const random = seeded(SEED);
  for (let n = 0; n < permutations; n++) {
    const files = permuteManifest(texts, random, how);
    const actual = plans(compile(files));
    for (const [request, plan] of Object.entries(expected)) {
      expect(actual[request], `permutation ${n}, ${request}`).toEqual(plan);
    }
  }
}

const SCHEMAS: { spec: SchemaSpec }[] = [{ spec: CHINOOK }, { spec: SAKILA }, { spec: HR }];

describe('plans do not depend on the manifest’s order', () => {
  // Outside the expected failures below: a reordering that did not compile would make them fail for the wrong reason.
  it('every reordering compiles with no error', () => {
    for (const { spec } of SCHEMAS) {
      const texts = [COMMON_MANIFEST, spec.manifest.replaceAll('{{store}}', `{ kind: sqlite, file: ${spec.name}.db }`)];
      const random = seeded(SEED);
      for (let n = 0; n < PERMUTATIONS; n++)
        expect(() => compile(permuteManifest(texts, random, { keys: true, files: true }))).not.toThrow();
    }
  });

  for (const { spec } of SCHEMAS) {
    it(`${spec.name}: sections and identities spread over files in shuffled order`, () => {
      samePlans(spec, { keys: false, files: true }, 20);
    });
    it(`${spec.name}: keys shuffled at every depth, over shuffled files`, () => {
      samePlans(spec, { keys: true, files: true });
    });
  }
});
