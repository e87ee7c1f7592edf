// `--identity`: KEY=VALUE for a request, a bare KEY for a plan, checked against the manifest's identity keys.
// What a user typed there may be personal data (a bare e-mail address), so errors never repeat it: they name the
// flag, the form expected and the keys the manifest declares.
import { CustosError } from '../errors.js';
import type { PolicyModel } from '../policy/index.js';
import { normalizeIdentities, type Identities } from '../rights/index.js';

const declaredKeys = (model: PolicyModel): string => [...model.identities.keys()].join(', ') || 'none declared';

const which = (args: readonly string[], i: number): string => (args.length > 1 ? `--identity (number ${i + 1})` : '--identity');

function unknownKey(model: PolicyModel, args: readonly string[], i: number): CustosError {
  return new CustosError({
    code: 'unknown-identity',
    message: `${which(args, i)} names an identity key the manifest does not declare (it declares: ${declaredKeys(model)})`,
    details: { known: [...model.identities.keys()] },
  });
}

/** The identities of a request from `--identity KEY=VALUE` (repeatable), normalised and type-checked. */
export function requestIdentities(model: PolicyModel, args: readonly string[]): Identities {
  const pairs = new Map<string, string[]>();
  args.forEach((arg, i) => {
    const eq = arg.indexOf('=');
    const key = eq > 0 ? arg.slice(0, eq).trim() : '';
    const value = eq > 0 ? arg.slice(eq + 1).trim() : '';
    if (key === '' || value === '') {
      throw new CustosError({
        code: 'invalid-input',
        message: `${which(args, i)} must be KEY=VALUE with KEY one of: ${declaredKeys(model)} (e.g. --identity ${model.identities.keys().next().value ?? 'email'}=…)`,
      });
    }
    if (!model.identities.has(key)) throw unknownKey(model, args, i);
    pairs.set(key, [...(pairs.get(key) ?? []), value]);
  });
  return normalizeIdentities(model, pairs);
}

/** The identity keys a plan starts from: `--identity KEY` (a value after `=` is allowed and ignored). */
export function planIdentityKeys(model: PolicyModel, args: readonly string[]): string[] {
  return args.map((arg, i) => {
    const key = arg.split('=')[0]?.trim() ?? '';
    if (!model.identities.has(key)) throw unknownKey(model, args, i);
    return key;
  });
}
