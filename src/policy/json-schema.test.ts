// The published JSON Schema: editors validate one manifest file with it, so it must accept what the compiler accepts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { manifestJsonSchema } from './json-schema.js';

const VALID = fileURLToPath(new URL('../../test/fixtures/manifests/valid-minimal/', import.meta.url));
const validFiles = readdirSync(VALID).filter((name) => name.endsWith('.yaml'));
const readYaml = (name: string): unknown => parse(readFileSync(join(VALID, name), 'utf8'));

function validator() {
  // Strict mode fails on any keyword or format the schema uses that JSON Schema 2020-12 does not define;
  // union types (`"type": ["string", "number"]`) are standard, ajv only flags them as a style choice.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:/i);
  return ajv;
}

let compiled: ValidateFunction | undefined;
/** Compiling the schema takes a while; the validation tests share one compiled validator. */
const schemaValidator = (): ValidateFunction => (compiled ??= validator().compile(manifestJsonSchema()));

describe('manifestJsonSchema', () => {
  it('is a valid JSON Schema (draft 2020-12)', () => {
    const ajv = validator();
    const schema = manifestJsonSchema();
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('survives a JSON round trip, as it is written to schema/custos-manifest.schema.json', () => {
    const schema = manifestJsonSchema();
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it.each(validFiles)('accepts %s of the valid-minimal manifest on its own', (name) => {
    const validate = schemaValidator();
    expect(validate(readYaml(name)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects an unknown key, naming it, as an editor would underline it', () => {
    const validate = schemaValidator();
    const billing = readYaml('billing.yaml') as { purposes: { billing: Record<string, unknown> } };
    const { legalBasis, ...rest } = billing.purposes.billing;
    billing.purposes.billing = { ...rest, legalbasis: legalBasis };
    expect(validate(billing)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({
        instancePath: '/purposes/billing',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'legalbasis' },
      }),
    );
  });

  it('rejects an unknown top-level section', () => {
    const validate = schemaValidator();
    expect(validate({ ...(readYaml('processing.yaml') as object), purpose: {} })).toBe(false);
  });

  it('rejects a value of the wrong type', () => {
    const validate = schemaValidator();
    const processing = readYaml('processing.yaml') as { purposes: { account: Record<string, unknown> } };
    processing.purposes.account.subjects = 'customer';
    expect(validate(processing)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain('/purposes/account/subjects');
  });
});
