// Rules on retention clocks: each rule a collection follows has a date to count from (CUS037), a date and not an id
// (CUS057), undated rows expire with a parent (CUS058), and one collection's rows follow one clock (CUS059).
import type { CollectionModel, FieldModel, PolicyModel, RetentionRuleModel } from '../model.js';
import type { RetentionTrigger } from '../vocabulary.js';
import type { LintRule } from './context.js';
import { resolveTimestamp } from './references.js';

/** The rules whose clocks a collection's rows follow: its own `retention:`, else those of its fields' categories. */
function rulesOf(m: PolicyModel, c: CollectionModel): Map<RetentionTrigger, string> {
  const rules = new Map<RetentionTrigger, string>();
  if (c.retention !== undefined) {
    const rule = m.retention.get(c.retention);
    if (rule?.trigger !== undefined) rules.set(rule.trigger, rule.id);
    return rules;
  }
  for (const f of c.fields.values()) {
    for (const rule of f.category === undefined ? [] : (m.index.retentionByCategory.get(f.category) ?? [])) {
      // Transient data has no clock: it is never stored.
      if (rule.trigger !== undefined && !rules.has(rule.trigger)) rules.set(rule.trigger, rule.id);
    }
  }
  return rules;
}

export const checkRetentionTimestamps: LintRule = (ctx) => {
  const m = ctx.model;
  for (const c of m.index.collections.values()) {
    for (const [trigger, ruleId] of rulesOf(m, c)) {
      if (c.timestamps[trigger] === undefined && !(c.undated ?? []).includes(trigger)) {
        ctx.report(
          'CUS037',
          `retention rule "${ruleId}" counts from ${trigger}, but ${c.qualifiedName} declares no timestamp for it`,
          ['datasets', c.dataset, 'collections', c.name],
          `add timestamps: { ${trigger}: <field> } (or none, when its rows have no date and expire with the parent they belong to)`,
        );
      }
    }
  }
};

/** A field that identifies rows rather than dates them: an integer id, a primary key or a reference. */
function isIdentifier(collection: CollectionModel, field: FieldModel): boolean {
  if (field.type === 'date' || field.type === 'datetime') return false;
  if (collection.primaryKey.includes(field.name) || field.references !== undefined) return true;
  return field.type === 'integer' && /(^id|_id|Id)$/.test(field.name);
}

export const checkClockFields: LintRule = (ctx) => {
  const m = ctx.model;
  for (const c of m.index.collections.values()) {
    const at = ['datasets', c.dataset, 'collections', c.name, 'timestamps'];
    for (const [trigger, spec] of Object.entries(c.timestamps)) {
      const resolved = spec === undefined ? undefined : resolveTimestamp(m, c, spec);
      if (!resolved || !isIdentifier(resolved.collection, resolved.field)) continue;
      ctx.report(
        'CUS057',
        `timestamp "${spec}" for ${trigger} names ${resolved.collection.name}.${resolved.field.name}, an identifier, not a date: no clock can count from it`,
        [...at, trigger],
        'name a date or datetime field (e.g. created_at), read a parent\'s through its reference ("customer_id.closed_at"), or write none when the rows expire with their parent',
      );
    }
    for (const trigger of c.undated ?? []) {
      const parent = [...c.fields.values()].find(
        (f) => f.references?.link === 'belongs-to' && m.index.collections.has(`${f.references.dataset}.${f.references.collection}`),
      );
      if (parent) continue;
      ctx.report(
        'CUS058',
        `${c.qualifiedName} holds no date for ${trigger} and belongs to no parent row: its rows would never expire`,
        [...at, trigger],
        'add a date field and name it, read a parent\'s date through a reference ("order_id.customer_id.closed_at"), or declare the reference to the parent with link: belongs-to so its rows expire with it',
      );
    }
  }
};

const describeRule = (r: RetentionRuleModel) =>
  r.bound === 'transient' ? `"${r.id}" (transient)` : `"${r.id}" (${r.durationText ?? ''} from ${r.trigger ?? ''})`;
/** Rules that keep data alike (same clock, duration and action) count as one, whatever their ids. */
const termsOf = (r: RetentionRuleModel) => JSON.stringify([r.trigger, r.duration, r.action]);

/**
 * Rows are kept or removed whole, so a collection whose fields follow rules with no clock in common (a customer's
 * newsletter consent beside their connection logs) has no one date its rows expire on: suggest a collection rule.
 */
export const checkCollectionClocks: LintRule = (ctx) => {
  const m = ctx.model;
  for (const c of m.index.collections.values()) {
    if (c.retention !== undefined) continue;
    const byField = [...c.fields.values()].flatMap((f) => {
      const rules = f.category === undefined || f.violation ? [] : (m.index.retentionByCategory.get(f.category) ?? []);
      return rules.length === 0 ? [] : [{ field: f, rules }];
    });
    const shared = byField.reduce<Set<string> | undefined>((common, { rules }) => {
      const terms = new Set(rules.map(termsOf));
      return common === undefined ? terms : new Set([...common].filter((t) => terms.has(t)));
    }, undefined);
    if (shared === undefined || shared.size > 0) continue;
    // Fields following the same rules are named together: "id, name: …; email: … or …".
    const groups = new Map<string, string[]>();
    for (const { field, rules } of byField) {
      const rulesText = rules.map(describeRule).join(' or ');
      groups.set(rulesText, [...(groups.get(rulesText) ?? []), field.name]);
    }
    const listed = [...groups].map(([rulesText, names]) => `${names.join(', ')}: ${rulesText}`);
    const candidates = [...new Set(byField.flatMap(({ rules }) => rules.map((r) => r.id)))];
    ctx.report(
      'CUS059',
      `the fields of ${c.qualifiedName} are kept under retention rules with no clock in common (${listed.join('; ')}): its rows have no one date to expire on`,
      ['datasets', c.dataset, 'collections', c.name],
      `declare the rule its rows follow on the collection, e.g. retention: ${candidates.join(' or ')}`,
    );
  }
};
