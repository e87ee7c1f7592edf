// Rules on the dataset graph: reachability from identities, erasure strategies, Redis key indexes, restriction marks
// (CUS035, CUS042, CUS044, CUS056).
import type { CollectionModel } from '../model.js';
import type { LintRule } from './context.js';
import { checkKeyIndex } from '../keys.js';

/**
 * Collections a rights request can reach: those holding an identity, and those linked to a reached one by a reference
 * that carries ownership (`belongs-to` downwards, `owns` upwards); associations are never walked.
 */
export function reachableCollections(collections: Iterable<CollectionModel>): Set<string> {
  const all = [...collections];
  const neighbours = new Map<string, Set<string>>(all.map((c) => [c.qualifiedName, new Set<string>()]));
  for (const c of all) {
    for (const f of c.fields.values()) {
      if (!f.references || f.references.link === 'association') continue;
      const target = `${f.references.dataset}.${f.references.collection}`;
      if (!neighbours.has(target)) continue;
      if (f.references.link === 'belongs-to') neighbours.get(target)?.add(c.qualifiedName);
      else neighbours.get(c.qualifiedName)?.add(target);
    }
  }
  const seen = new Set(all.filter((c) => c.identity.size > 0).map((c) => c.qualifiedName));
  const queue = [...seen];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const n of neighbours.get(next) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

export const checkReachability: LintRule = (ctx) => {
  const reachable = reachableCollections(ctx.model.index.collections.values());
  for (const c of ctx.model.index.collections.values()) {
    const personal = [...c.fields.values()].some((f) => f.category !== undefined);
    if (personal && !reachable.has(c.qualifiedName)) {
      ctx.report(
        'CUS035',
        `collection ${c.qualifiedName} holds personal data but no identity reaches it: rights requests cannot find it`,
        ['datasets', c.dataset, 'collections', c.name],
        'declare an identity field on it, or a reference with `link: belongs-to` to a collection a request reaches',
      );
    }
  }
};

export const checkErasureStrategies: LintRule = (ctx) => {
  for (const c of ctx.model.index.collections.values()) {
    for (const f of c.fields.values()) {
      const at = ['datasets', c.dataset, 'collections', c.name, 'fields', f.name];
      if (f.strategy === 'fixed' && f.value === undefined) {
        ctx.report(
          'CUS042',
          `${c.qualifiedName}.${f.name} is erased with a fixed value but declares none`,
          [...at, 'strategy'],
          'add value: the replacement, e.g. "[erased]"',
        );
      }
      if (f.strategy === 'hold' && f.hold === undefined) {
        ctx.report(
          'CUS042',
          `${c.qualifiedName}.${f.name} is kept under a legal hold but names none`,
          [...at, 'strategy'],
          'add hold: <legal hold id>',
        );
      }
      if (f.hold !== undefined && f.strategy !== 'hold') {
        ctx.report(
          'CUS042',
          `${c.qualifiedName}.${f.name} names legal hold "${f.hold}" but its strategy is ${f.strategy ?? 'the default'}`,
          [...at, 'hold'],
          'set strategy: hold',
        );
      }
      if (f.strategy === 'hash' && f.type !== undefined && !['string', 'email', 'phone', 'ip', 'json'].includes(f.type)) {
        ctx.report(
          'CUS042',
          `${c.qualifiedName}.${f.name} is a ${f.type}, but a keyed hash replaces it with text`,
          [...at, 'strategy'],
          'declare the column as text (type: string), or use null or fixed',
        );
      }
      if (f.strategy === 'truncate-ip' && f.type !== undefined && f.type !== 'ip' && f.type !== 'string') {
        ctx.report(
          'CUS042',
          `${c.qualifiedName}.${f.name} is a ${f.type}, which IP truncation cannot apply to`,
          [...at, 'strategy'],
          'use null, fixed or hash',
        );
      }
    }
  }
};

/**
 * A Redis key index is a set per value of one placeholder of the key pattern (CUS044). Its set is read by its exact name,
 * so it holds no glob character.
 */
export const checkKeyIndexes: LintRule = (ctx) => {
  for (const c of ctx.model.index.collections.values()) {
    const checked = checkKeyIndex(c);
    if (checked && 'problem' in checked) {
      const { problem } = checked;
      ctx.report(
        'CUS044',
        `${c.qualifiedName}: the key index cannot list its keys: ${problem.why}`,
        ['datasets', c.dataset, 'collections', c.name, 'keyIndex'],
        problem.fix,
      );
    }
  }
};

/**
 * Lifting a restriction writes its `liftValue`, NULL by default, which a NOT NULL flag refuses; a `liftValue` equal to
 * `value` would leave the rows marked (CUS056).
 */
export const checkRestrictionMarks: LintRule = (ctx) => {
  for (const c of ctx.model.index.collections.values()) {
    const restriction = c.restriction;
    if (!restriction) continue;
    const at = ['datasets', c.dataset, 'collections', c.name, 'restriction'];
    if (restriction.liftValue === restriction.value) {
      ctx.report(
        'CUS056',
        `${c.qualifiedName}: lifting a restriction writes the same value as restricting: the rows would stay marked`,
        [...at, 'liftValue'],
        'set liftValue to the value of a row that is not restricted',
      );
    } else if (restriction.liftValue === null && c.fields.get(restriction.field)?.required === true) {
      ctx.report(
        'CUS056',
        `${c.qualifiedName}.${restriction.field} is required (NOT NULL), but lifting a restriction writes NULL into it: the lift would fail`,
        at,
        `add liftValue: the value of a row that is not restricted (e.g. restriction: { field: ${restriction.field}, value: 1, liftValue: 0 })`,
      );
    }
  }
};
