// compileRetention: each retention rule turned into per-collection conditions (clock, period, cut-off, action, what keeps
// rows), and every rule or collection that cannot be turned into one reported with its manifest place and why.
import {
  fieldAnonymisation,
  subtractDuration,
  type CollectionModel,
  type FieldModel,
  type PolicyModel,
  type RetentionRuleModel,
} from '../policy/index.js';
import { isClock, resolveClock } from './clocks.js';
import type { CompiledRetention, FieldOperator, HoldAfter, RetentionCondition, RetentionProblem, TransientRule } from './conditions.js';

export interface CompileRetentionOptions {
  /** The instant cut-offs are computed for (engines never read the system clock). */
  readonly now: Date;
}

/** Pure: reads the model only. Conditions and problems are sorted by rule, then collection. */
export function compileRetention(model: PolicyModel, options: CompileRetentionOptions): CompiledRetention {
  const conditions: RetentionCondition[] = [];
  const problems: RetentionProblem[] = [];
  for (const collection of model.index.collections.values()) {
    const governing = ruleOf(model, collection);
    if (governing === undefined) continue;
    if ('reason' in governing) {
      problems.push(governing);
      continue;
    }
    if (governing.bound === 'transient') continue; // listed under `transient`, with the collections storing it
    const compiled = conditionOf(model, collection, governing, options.now);
    conditions.push(...compiled.conditions);
    problems.push(...compiled.problems);
  }
  const byRuleThenCollection = <T extends { rule: string; collection?: string | undefined }>(a: T, b: T) =>
    a.rule.localeCompare(b.rule) || (a.collection ?? '').localeCompare(b.collection ?? '');
  return Object.freeze({
    now: options.now.toISOString(),
    conditions: conditions.sort(byRuleThenCollection),
    problems: problems.sort(byRuleThenCollection),
    transient: transientRules(model),
  });
}

type Governing = RetentionRuleModel | RetentionProblem;

/**
 * The rule a collection's rows follow: its own `retention:`, else the one rule its fields' categories share (rules that
 * keep data alike count as one). Rows are kept or removed whole, so fields on rules with no clock in common are a problem.
 */
function ruleOf(model: PolicyModel, c: CollectionModel): Governing | undefined {
  const place = `datasets.${c.dataset}.collections.${c.name}`;
  if (c.retention !== undefined) {
    return (
      model.retention.get(c.retention) ?? {
        rule: c.retention,
        collection: c.qualifiedName,
        place: `${place}.retention`,
        reason: `${c.qualifiedName} follows retention rule "${c.retention}", which the manifest does not declare`,
        fix: 'declare the rule under retention:, or name an existing one',
      }
    );
  }
  const rules = new Map<string, RetentionRuleModel>();
  for (const f of c.fields.values()) {
    if (f.category === undefined || f.violation) continue;
    for (const r of model.index.retentionByCategory.get(f.category) ?? []) rules.set(r.id, r);
  }
  const kept = [...rules.values()].filter((r) => r.bound !== 'transient').sort((a, b) => a.id.localeCompare(b.id));
  if (kept.length === 0) return [...rules.values()][0];
  const terms = new Set(kept.map((r) => JSON.stringify([r.trigger, r.duration, r.action, r.then])));
  if (terms.size === 1) return kept[0];
  return {
    rule: kept.map((r) => r.id).join(', '),
    collection: c.qualifiedName,
    place,
    reason: `the fields of ${c.qualifiedName} follow rules with no clock in common (${kept.map((r) => `"${r.id}"`).join(', ')}): its rows have no one date to expire on`,
    fix: `declare the rule its rows follow on the collection, e.g. retention: ${kept[0]?.id ?? ''}`,
  };
}

function conditionOf(
  model: PolicyModel,
  c: CollectionModel,
  rule: RetentionRuleModel,
  now: Date,
): { conditions: RetentionCondition[]; problems: RetentionProblem[] } {
  const problem = (place: string, reason: string, fix: string): RetentionProblem => ({
    rule: rule.id,
    collection: c.qualifiedName,
    place,
    reason,
    fix,
  });
  const timestamps = `datasets.${c.dataset}.collections.${c.name}.timestamps`;
  if (rule.duration === undefined || rule.trigger === undefined) {
    return {
      conditions: [],
      problems: [
        problem(
          `retention.${rule.id}`,
          `retention rule "${rule.id}" states no period or trigger`,
          'give it duration: (or atMost:) and trigger:',
        ),
      ],
    };
  }
  const clock = resolveClock(model, c, rule.trigger);
  if (!isClock(clock)) {
    const eventOnly = rule.trigger === 'consent-withdrawn';
    return {
      conditions: [],
      problems: [
        problem(
          timestamps,
          eventOnly
            ? `retention rule "${rule.id}" counts from consent-withdrawn, an event ${c.qualifiedName} keeps no date of: only the withdrawal itself can start it`
            : `retention rule "${rule.id}" counts from ${rule.trigger}: ${clock.reason}`,
          eventOnly
            ? `store when consent was withdrawn and name it (timestamps: { consent-withdrawn: withdrawn_at }), or delete on withdrawal`
            : `add timestamps: { ${rule.trigger}: <date field> } to ${c.qualifiedName}, or read a parent's ("customer_id.closed_at")`,
        ),
      ],
    };
  }
  const problems: RetentionProblem[] = [];
  const operators = rule.action === 'anonymise' ? anonymiseOperators(c) : { operators: [], refused: [] };
  for (const f of operators.refused) {
    problems.push(
      problem(
        `datasets.${c.dataset}.collections.${c.name}.fields.${f.name}`,
        `retention rule "${rule.id}" anonymises ${c.qualifiedName}, but ${f.name} is required (NOT NULL) and has no fixed value: it would stay as it is`,
        `declare strategy: fixed with a value for ${f.name}`,
      ),
    );
  }
  const then = holdAfter(model, c, rule, problems, timestamps);
  const notes: string[] = [];
  if (rule.extendedBy) {
    notes.push(
      `rows whose person consented to "${rule.extendedBy.consent}" may be kept ${rule.extendedBy.durationText ?? 'longer'}: that consent cannot be verified per row, so rows past the base period are kept${rule.extendedBy.duration ? ` until the extension ends too (${rule.extendedBy.durationText ?? ''} more)` : ''} and reported`,
    );
  }
  if (rule.bound === 'at-most') notes.push(`"${rule.id}" states an upper bound: the sweep applies it as the period`);
  const condition: RetentionCondition = Object.freeze({
    rule: rule.id,
    dataset: c.dataset,
    collection: c.qualifiedName,
    action: rule.action,
    duration: rule.duration,
    durationText: rule.durationText ?? '',
    clock,
    cutoff: subtractDuration(now, rule.duration).toISOString(),
    operators: operators.operators,
    then,
    restriction: c.restriction && { field: c.restriction.field, value: c.restriction.value },
    extension: rule.extendedBy && {
      consent: rule.extendedBy.consent,
      duration: rule.extendedBy.duration,
      durationText: rule.extendedBy.durationText,
    },
    notes,
  });
  return { conditions: [condition], problems };
}

/** The hold a rule's rows pass under (`then:`), with its clock on this collection; a missing clock is a problem. */
function holdAfter(
  model: PolicyModel,
  c: CollectionModel,
  rule: RetentionRuleModel,
  problems: RetentionProblem[],
  timestamps: string,
): HoldAfter | undefined {
  if (rule.then === undefined) return undefined;
  const hold = model.legalHolds.get(rule.then);
  if (!hold) {
    problems.push({
      rule: rule.id,
      collection: c.qualifiedName,
      place: `retention.${rule.id}.then`,
      reason: `retention rule "${rule.id}" passes its data under legal hold "${rule.then}", which the manifest does not declare; its rows are kept`,
      fix: 'declare the hold under legalHolds:, or remove then:',
    });
    return { hold: rule.then };
  }
  const clock = resolveClock(model, c, hold.trigger);
  if (!isClock(clock)) {
    problems.push({
      rule: rule.id,
      collection: c.qualifiedName,
      place: timestamps,
      reason: `legal hold "${hold.id}" counts from ${hold.trigger}: ${clock.reason}; the rows it would keep are kept until it has a date`,
      fix: `add timestamps: { ${hold.trigger}: <date field> } to ${c.qualifiedName}`,
    });
    return { hold: hold.id, duration: hold.duration, durationText: hold.durationText };
  }
  return { hold: hold.id, clock, duration: hold.duration, durationText: hold.durationText };
}

/** What anonymisation does to each field (`fieldAnonymisation`), by field name; a required field that would be nulled is refused. */
function anonymiseOperators(c: CollectionModel): { operators: FieldOperator[]; refused: FieldModel[] } {
  const operators: FieldOperator[] = [];
  const refused: FieldModel[] = [];
  for (const f of [...c.fields.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const fate = fieldAnonymisation(c, f);
    switch (fate.kind) {
      case 'kept':
        break;
      case 'refused':
        refused.push(f);
        break;
      case 'null':
      case 'truncate-ip':
        operators.push({ field: f.name, operator: fate.kind });
        break;
      case 'fixed':
        operators.push({ field: f.name, operator: 'fixed', value: fate.value });
        break;
      case 'operator':
        operators.push({ field: f.name, operator: 'generalise', spec: fate.spec, ...(dated(f) ? { dated: true } : {}) });
        break;
      default:
        fate satisfies never;
    }
  }
  return { operators, refused };
}

/** A date column keeps a date: a month or year generalised is written as its first instant, not as `2026-03` text. */
const dated = (f: FieldModel) => f.type === 'date' || f.type === 'datetime';

/** Transient rules, with the collections whose fields hold their categories under no other rule (they contradict the notice). */
function transientRules(model: PolicyModel): TransientRule[] {
  return [...model.retention.values()]
    .filter((r) => r.bound === 'transient')
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => {
      const storedIn = new Set<string>();
      for (const category of r.categories) {
        const rules = model.index.retentionByCategory.get(category) ?? [];
        if (!rules.every((other) => other.bound === 'transient')) continue;
        for (const f of model.index.fieldsByCategory.get(category) ?? []) storedIn.add(`${f.dataset}.${f.collection}`);
      }
      return { rule: r.id, categories: r.categories, storedIn: [...storedIn].sort() };
    });
}
