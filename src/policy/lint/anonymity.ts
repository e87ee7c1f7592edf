// Rules on the anonymise action's declarations (issue 15): thresholds that name real fields and can hold (CUS086,
// CUS087), declared only where retention anonymises (CUS088), operators the field can take (CUS089), labels (CUS090).
import { anonymisingRule, fieldAnonymisation, linksToPerson } from '../anonymisation.js';
import type { CollectionModel, FieldModel } from '../model.js';
import type { FieldAnonymiser } from '../schema/anonymity.js';
import type { PathSegment } from '../sources.js';
import type { FieldType } from '../vocabulary.js';
import { didYouMean } from '../suggest.js';
import type { LintContext, LintRule } from './context.js';

const at = (c: CollectionModel, ...rest: PathSegment[]): PathSegment[] => ['datasets', c.dataset, 'collections', c.name, ...rest];

export const checkAnonymity: LintRule = (ctx) => {
  for (const c of ctx.model.index.collections.values()) {
    const rule = anonymisingRule(ctx.model, c);
    if (c.anonymity !== undefined) {
      if (rule === undefined) {
        ctx.report(
          'CUS088',
          `${c.qualifiedName} declares anonymity thresholds, but its rows are not anonymised: its retention rule ${c.retention === undefined ? '(through its categories)' : `"${c.retention}"`} deletes them or none applies`,
          at(c, 'anonymity'),
          'give its retention rule action: anonymise, or remove anonymity:',
        );
      }
      checkThresholds(ctx, c);
    }
    for (const f of c.fields.values()) {
      if (f.anonymise === undefined) continue;
      if (rule === undefined) {
        ctx.report(
          'CUS088',
          `${c.qualifiedName}.${f.name} declares an anonymise operator, but the collection's rows are not anonymised, so it never applies`,
          at(c, 'fields', f.name, 'anonymise'),
          'give the collection a retention rule with action: anonymise, or remove anonymise:',
        );
      }
      checkOperator(ctx, c, f, f.anonymise);
    }
  }
};

/** CUS086, CUS087, CUS090: each named field exists once and can vary after anonymisation; the numbers hold together. */
function checkThresholds(ctx: LintContext, c: CollectionModel): void {
  const a = c.anonymity;
  if (a === undefined) return;
  const sensitivePath = (i: number): PathSegment[] =>
    ctx.declared(at(c, 'anonymity', 'sensitive', i)) ? at(c, 'anonymity', 'sensitive', i) : at(c, 'anonymity', 'sensitive');
  const named = [
    ...a.quasi.map((name, i) => ({ name, role: 'quasi-identifier', path: at(c, 'anonymity', 'quasi', i) })),
    ...a.sensitive.map((name, i) => ({ name, role: 'sensitive attribute', path: sensitivePath(i) })),
  ];
  const seen = new Set<string>();
  for (const { name, role, path } of named) {
    const f = c.fields.get(name);
    if (f === undefined) {
      ctx.report('CUS086', `the ${role} "${name}" is not a field of ${c.qualifiedName}`, path, closest(name, c));
      continue;
    }
    if (seen.has(name)) {
      ctx.report(
        'CUS086',
        `"${name}" is named twice in ${c.qualifiedName}'s anonymity`,
        path,
        'name each field once, as a quasi-identifier or as a sensitive attribute',
      );
      continue;
    }
    seen.add(name);
    const fate = fieldAnonymisation(c, f);
    if (role === 'sensitive attribute' && (fate.kind === 'null' || fate.kind === 'fixed')) {
      ctx.report(
        'CUS086',
        `the sensitive attribute "${name}" is ${fate.kind === 'null' ? 'nulled' : 'given a fixed value'} when ${c.qualifiedName} is anonymised: every class would hold one value, so the inference test could never pass`,
        path,
        'name a field the anonymisation keeps (a score, an amount), or remove it from sensitive',
      );
    }
    if (f.label === undefined) {
      ctx.report(
        'CUS090',
        `the notice names the ${role} ${c.qualifiedName}.${name} by its column name: it has no label`,
        at(c, 'fields', name),
        `add label: { en: "…", fr: "…" } to ${name}`,
      );
    }
  }
  const bad = (what: keyof typeof a, message: string, fix: string) => ctx.report('CUS087', message, at(c, 'anonymity', what), fix);
  if (a.k < 2)
    bad('k', `k = ${a.k} lets a row be alone in its class: no one is protected from being singled out`, 'k: 2 or more (5 or 10 are usual)');
  if (a.sensitive.length === 0) {
    if (a.l !== undefined)
      bad('l', 'l counts distinct values of a sensitive attribute, and none is named', 'add sensitive: <field>, or remove l');
    if (a.t !== undefined)
      bad('t', 't measures the distance of a sensitive attribute, and none is named', 'add sensitive: <field>, or remove t');
  } else if (a.l === undefined) {
    bad(
      'sensitive',
      `${c.qualifiedName} names a sensitive attribute without l: the inference test has no threshold to say`,
      'add l: 2 (or more)',
    );
  }
  if (a.l !== undefined && a.l < 2) bad('l', `l = ${a.l} holds for any class, even one where everyone shares the value`, 'l: 2 or more');
  if (a.t !== undefined && !(a.t > 0 && a.t <= 1))
    bad('t', `t = ${a.t} is not a distance between 0 (excluded) and 1`, 'a number such as 0.2');
}

/** The field types each operator reads, and whether what it writes (text) fits the column. */
const READS: Record<FieldAnonymiser['op'], readonly FieldType[]> = {
  'truncate-ip': ['ip', 'string'],
  'generalise-date': ['date', 'datetime', 'string'],
  band: ['string'],
  'postcode-prefix': ['string'],
  suppress: ['string', 'email', 'phone', 'ip', 'integer', 'number', 'date', 'datetime', 'boolean', 'json'],
};

/** CUS089: an operator on a link (always nulled), on a type it cannot read or write, or with bands that do not work. */
function checkOperator(ctx: LintContext, c: CollectionModel, f: FieldModel, spec: FieldAnonymiser): void {
  const path = at(c, 'fields', f.name, 'anonymise');
  if (linksToPerson(f) || c.primaryKey.includes(f.name)) {
    ctx.report(
      'CUS089',
      `${c.qualifiedName}.${f.name} is ${c.primaryKey.includes(f.name) ? 'the primary key, which anonymisation keeps' : 'an identity or a reference to a person’s row, which anonymisation always nulls'}: an operator cannot apply`,
      path,
      'remove anonymise:',
    );
    return;
  }
  const reads = READS[spec.op];
  if (f.type !== undefined && !reads.includes(f.type)) {
    const note = spec.op === 'band' ? ' (a band is written as text, such as "[10, 50)")' : '';
    ctx.report(
      'CUS089',
      `${spec.op} cannot apply to ${c.qualifiedName}.${f.name} of type ${f.type}${note}`,
      path,
      `declare the field type: ${reads.join(' or ')}`,
    );
  }
  if (spec.op === 'suppress' && spec.as === 'null' && f.required === true)
    ctx.report('CUS089', `${c.qualifiedName}.${f.name} is required (NOT NULL): suppressing it to null would be refused`, path, 'as: star');
  if (spec.op === 'band') {
    if ((spec.width === undefined) === (spec.edges === undefined))
      ctx.report(
        'CUS089',
        `a band takes either width or edges, here ${spec.width === undefined ? 'neither' : 'both'}`,
        path,
        'width: 10, or edges: [10, 50, 250]',
      );
    else if (spec.edges !== undefined && !spec.edges.every((e, i) => i === 0 || e > (spec.edges?.[i - 1] ?? -Infinity)))
      ctx.report('CUS089', 'band edges must be in strictly ascending order', [...path, 'edges'], 'sort them and remove repeats');
  }
}

function closest(name: string, c: CollectionModel): string {
  return didYouMean(name, c.fields.keys()) ?? `the fields of ${c.qualifiedName}: ${[...c.fields.keys()].join(', ')}`;
}
