// The fixture manifest the renderers are tested with compiles without a single diagnostic.
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../policy/index.js';
import { FIXTURE_FILES, FIXTURE_NOW } from './fixtures.js';

describe('render fixture', () => {
  it('is a clean manifest: no error, no warning', () => {
    const result = compilePolicy(FIXTURE_FILES, { now: FIXTURE_NOW });
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(result.model?.purposes.size).toBe(4);
  });
});
