// Identities a request carries: parsed from KEY=VALUE, checked against the manifest's declared keys and types, and
// normalised once (the same fold resolution compares found values with).
import { CustosError } from '../errors.js';
import { foldCase, isPlain, type PolicyModel } from '../policy/index.js';
import type { Identities } from './plan.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Parses `email=a@b.example` pairs; repeated keys accumulate values. */
export function parseIdentityArgs(pairs: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [index, pair] of pairs.entries()) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) {
      // The text may be the value alone (an e-mail without its key): say which one, never what it holds.
      const which = eq > 0 ? `"${pair.slice(0, eq).trim()}" has no value` : `#${index + 1} has no KEY= before its value`;
      throw new CustosError({ code: 'invalid-input', message: `identity ${which}: write KEY=VALUE (e.g. email=ada@example.com)` });
    }
    const key = pair.slice(0, eq).trim();
    const list = out.get(key) ?? [];
    list.push(pair.slice(eq + 1).trim());
    out.set(key, list);
  }
  return out;
}

export { foldCase };

/**
 * The form in which a value of identity `key` is looked up and compared: `foldCase` for a case-insensitive identity,
 * the value itself otherwise. Resolution folds the values it finds on rows with it, as requests are.
 */
export function foldIdentity(model: PolicyModel, key: string, value: string): string {
  return model.identities.get(key)?.caseInsensitive === true ? foldCase(value) : value;
}

/**
 * Checks keys exist and values fit their type, and folds case-insensitive identities (`foldIdentity`). A value whose
 * normalisation would change more than its case (not in NFKC form: a KELVIN SIGN, full-width letters, ligatures) is
 * refused: looked up folded it would name another person than the one whose value was verified.
 */
export function normalizeIdentities(model: PolicyModel, raw: ReadonlyMap<string, readonly string[]>): Identities {
  if (raw.size === 0)
    throw new CustosError({
      code: 'invalid-input',
      message: 'a request needs at least one identity (e.g. --identity email=ada@example.com)',
    });
  const out = new Map<string, string[]>();
  for (const [key, values] of raw) {
    const declared = model.identities.get(key);
    if (!declared) {
      const known = [...model.identities.keys()].join(', ') || 'none declared';
      throw new CustosError({
        code: 'unknown-identity',
        message: `unknown identity key "${key}" (the manifest declares: ${known})`,
        details: { key, known: [...model.identities.keys()] },
      });
    }
    const normalised = values.map((v) => {
      // The value itself is personal data: never echo it in an error.
      if (!isPlain(v)) {
        throw new CustosError({
          code: 'invalid-input',
          message: `identity "${key}" holds look-alike characters (compatibility forms such as a KELVIN SIGN or full-width letters): give the value as the person wrote it in plain characters`,
          details: { key },
        });
      }
      return foldIdentity(model, key, v);
    });
    for (const v of normalised) {
      const bad =
        (declared.type === 'email' && !EMAIL.test(v)) ||
        (declared.type === 'integer' && !/^-?\d+$/.test(v)) ||
        (declared.type === 'number' && Number.isNaN(Number(v)));
      if (bad) throw new CustosError({ code: 'invalid-input', message: `identity "${key}" must be a valid ${declared.type}` });
    }
    out.set(key, [...new Set(normalised)]);
  }
  return out;
}
