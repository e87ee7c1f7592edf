// `--identity` is checked against the manifest's keys, and what the user typed never comes back in an error.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isCustosError } from '../errors.js';
import { compilePolicyFolder } from '../policy/index.js';
import { planIdentityKeys, requestIdentities } from './identities.js';

const compiled = compilePolicyFolder(fileURLToPath(new URL('../../test/fixtures/manifests/valid-minimal/', import.meta.url)));
if (!compiled.model) throw new Error('valid-minimal did not compile');
const model = compiled.model;

const failure = (run: () => unknown): { code: string; message: string } => {
  try {
    run();
  } catch (error) {
    if (isCustosError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('accepted');
};

describe('requestIdentities', () => {
  it('reads KEY=VALUE pairs, repeated keys adding values', () => {
    expect(requestIdentities(model, ['email=Ada@Example.com', 'customer_id=7', 'customer_id=8'])).toEqual(
      new Map([
        ['email', ['ada@example.com']],
        ['customer_id', ['7', '8']],
      ]),
    );
  });

  it.each([['ada@example.com'], ['=ada@example.com'], ['email='], ['email=  ']])(
    'refuses %j without repeating it, naming the form and the declared keys',
    (arg) => {
      const { code, message } = failure(() => requestIdentities(model, [arg]));
      expect(code).toBe('invalid-input');
      expect(message).toBe('--identity must be KEY=VALUE with KEY one of: email, customer_id (e.g. --identity email=…)');
    },
  );

  it('says which --identity is wrong when there are several', () => {
    expect(failure(() => requestIdentities(model, ['email=ada@example.com', 'ada.lovelace'])).message).toMatch(
      /^--identity \(number 2\) must be/,
    );
  });

  it('refuses a key the manifest does not declare, listing those it does, without repeating the value', () => {
    const { code, message } = failure(() => requestIdentities(model, ['phone=+33612345678']));
    expect(code).toBe('unknown-identity');
    expect(message).toBe('--identity names an identity key the manifest does not declare (it declares: email, customer_id)');
  });
});

describe('planIdentityKeys', () => {
  it('takes bare keys, or the key of a KEY=VALUE pair', () => {
    expect(planIdentityKeys(model, ['email', 'customer_id=7'])).toEqual(['email', 'customer_id']);
  });

  it('refuses an unknown key with the declared ones, so a typo is not an empty plan', () => {
    expect(failure(() => planIdentityKeys(model, ['nosuch']))).toEqual({
      code: 'unknown-identity',
      message: '--identity names an identity key the manifest does not declare (it declares: email, customer_id)',
    });
    expect(failure(() => planIdentityKeys(model, ['ada@example.com'])).message).not.toContain('ada@example.com');
  });
});
