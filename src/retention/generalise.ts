// The declared `anonymise:` operators of a condition, compiled once each, and what they write into one row's field.
import { compileOperator, type AnonymiseOperator } from '../anonymize/index.js';
import type { Value } from '../connectors/index.js';
import { instantOf } from './clocks.js';
import type { FieldOperator } from './conditions.js';

type Generalise = Extract<FieldOperator, { operator: 'generalise' }>;

const compiled = new WeakMap<Generalise, AnonymiseOperator>();

/**
 * The value the operator writes for `value`: its text, or null. On a date column a month or a year is written as its
 * first day (`2026-03-01`), which every SQL store takes as a date and reads back as the same instant.
 */
export function generalisedValue(op: Generalise, value: Value | undefined): Value {
  let operator = compiled.get(op);
  if (operator === undefined) {
    // Specs were checked by the schema and lint; the context is empty since the manifest offers no keyed operator.
    operator = compileOperator(op.spec, {}, op.field);
    compiled.set(op, operator);
  }
  const out = operator(value);
  if (out === null || op.dated !== true) return out;
  return out.length === 4 ? `${out}-01-01` : out.length === 7 ? `${out}-01` : out;
}

/** The field already holds what the operator writes (an earlier sweep, or a rerun): dates compared as instants. */
export function isGeneralised(op: Generalise, value: Value | undefined): boolean {
  const out = generalisedValue(op, value);
  if (value === null || value === undefined || out === null) return (value ?? null) === out;
  if (op.dated === true) return instantOf(value) === instantOf(out);
  return String(value) === out;
}
