// Identities a request carries: parsed from KEY=VALUE, checked against the manifest's declared identity keys and types.
import { CustosError } from '../errors.js';
import type { PolicyModel } from '../policy/index.js';
import type { Identities } from './plan.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Parses `email=a@b.example` pairs; repeated keys accumulate values. */
export function parseIdentityArgs(pairs: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) {
      throw new CustosError({ code: 'invalid-input', message: `identity "${pair}" is not KEY=VALUE (e.g. email=ada@example.com)` });
    }
    const key = pair.slice(0, eq).trim();
    const list = out.get(key) ?? [];
    list.push(pair.slice(eq + 1).trim());
    out.set(key, list);
  }
  return out;
}

/** Checks keys exist and values fit their type; lower-cases case-insensitive identities. */
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
    const normalised = values.map((v) => (declared.caseInsensitive ? v.toLowerCase() : v));
    for (const v of normalised) {
      const bad =
        (declared.type === 'email' && !EMAIL.test(v)) ||
        (declared.type === 'integer' && !/^-?\d+$/.test(v)) ||
        (declared.type === 'number' && Number.isNaN(Number(v)));
      // The value itself is personal data: never echo it in the error.
      if (bad) throw new CustosError({ code: 'invalid-input', message: `identity "${key}" must be a valid ${declared.type}` });
    }
    out.set(key, [...new Set(normalised)]);
  }
  return out;
}
