// Prints plans and results for people: what will be looked up, how, what erasure will do, and what it kept and why.
import { durationInWords } from '../render/index.js';
import { localize, type Language, type PolicyModel } from '../policy/index.js';
import { isSelectionHold, type HoldRecord } from '../store/index.js';
import type { ClosureBlocker } from './execute/closure.js';
import type { RightsPlan, Route } from './plan.js';

function route(r: Route): string {
  if (r.kind === 'identity') return `${r.field} = <${r.identity}>`;
  if (r.kind === 'owned') return `${r.field} IN ${r.from}.${r.fromField} (unless another row references it too)`;
  return `${r.field} IN ${r.from}.${r.fromField}`;
}

export function formatPlan(plan: RightsPlan): string {
  const lines = [`Plan: ${plan.action} for identities ${plan.identityKeys.join(', ')}`, '', 'Lookups (in order):'];
  plan.lookups.forEach((l, i) =>
    lines.push(`  ${String(i + 1).padStart(2)}. ${l.collection}  where ${l.routes.map(route).join('  or  ')}`),
  );
  if (plan.erasure.length > 0) lines.push('', 'Erasure (in order):', ...formatErasure(plan));
  if (plan.unreachable.length > 0) {
    lines.push('', 'Not reachable (this request cannot find data there):');
    for (const u of plan.unreachable) lines.push(`  - ${u.collection}: ${u.reason}`);
  }
  for (const note of plan.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

/** The erasure's operations, one numbered line each, in order. */
export function formatErasure(plan: RightsPlan): string[] {
  return plan.erasure.map((op, i) => {
    const n = `${String(i + 1).padStart(2)}.`;
    if (op.kind === 'delete') return `  ${n} delete rows of ${op.collection}`;
    if (op.kind === 'null-reference') return `  ${n} set ${op.collection}.${op.field} to null (${op.reason})`;
    const fields = op.fields.map((f) =>
      f.strategy === 'hold'
        ? `${f.field}: keep (hold ${f.hold})`
        : `${f.field}: ${f.strategy}${f.strategy === 'fixed' ? ` ${JSON.stringify(f.value)}` : ''}`,
    );
    return `  ${n} keep rows of ${op.collection}${op.holds.length ? ` under ${op.holds.join(', ')}` : ''}; ${fields.join(', ')}`;
  });
}

/** One line for a closure blocker: what blocks, and how many rows show it. */
export function describeBlocker(b: ClosureBlocker, lang: Language = 'en'): string {
  return `${localize(b.description, lang)}: ${b.rows} row(s) in ${b.collection}`;
}

/** One line for a hold record; a selection is named by its fields, not its values (they may be personal). */
export function describeHold(h: HoldRecord, model: PolicyModel, lang: Language = 'en'): string {
  const kept = `kept under legal hold "${h.hold}"`;
  // A hold without an end lasts until the periods the law imposes expire: no date is invented for it.
  const until = h.until === undefined ? 'until the legal periods expire' : `until ${h.until}`;
  if (!isSelectionHold(h)) return `${kept} ${until}: ${h.dataset}.${h.collection} ${h.key}`;
  const fields = [...new Set((JSON.parse(h.key) as Record<string, unknown>[]).flatMap((where) => Object.keys(where)))];
  const hold = model.legalHolds.get(h.hold);
  const duration = hold?.duration === undefined ? 'the hold' : durationInWords(hold.duration, lang);
  const each =
    h.from === undefined || h.until === undefined ? until : `each until ${duration} after its ${h.from} (${h.until} at the latest)`;
  return `${kept}: ${h.dataset}.${h.collection} rows selected by ${fields.join(', ')}, ${each}`;
}
