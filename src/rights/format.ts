// Prints a plan for people: what will be looked up, how, and what erasure will do, in order.
import type { RightsPlan, Route } from './plan.js';

function route(r: Route): string {
  if (r.kind === 'identity') return `${r.field} = <${r.identity}>`;
  return `${r.field} IN ${r.from}.${r.fromField}`;
}

export function formatPlan(plan: RightsPlan): string {
  const lines = [`Plan: ${plan.action} for identities ${plan.identityKeys.join(', ')}`, '', 'Lookups (in order):'];
  plan.lookups.forEach((l, i) =>
    lines.push(`  ${String(i + 1).padStart(2)}. ${l.collection}  where ${l.routes.map(route).join('  or  ')}`),
  );
  if (plan.erasure.length > 0) {
    lines.push('', 'Erasure (in order):');
    plan.erasure.forEach((op, i) => {
      const n = `${String(i + 1).padStart(2)}.`;
      if (op.kind === 'delete') lines.push(`  ${n} delete rows of ${op.collection}`);
      else if (op.kind === 'null-reference') lines.push(`  ${n} set ${op.collection}.${op.field} to null (${op.reason})`);
      else {
        const fields = op.fields.map((f) =>
          f.strategy === 'hold'
            ? `${f.field}: keep (hold ${f.hold})`
            : `${f.field}: ${f.strategy}${f.strategy === 'fixed' ? ` ${JSON.stringify(f.value)}` : ''}`,
        );
        lines.push(`  ${n} keep rows of ${op.collection}${op.holds.length ? ` under ${op.holds.join(', ')}` : ''}; ${fields.join(', ')}`);
      }
    });
  }
  if (plan.unreachable.length > 0) {
    lines.push('', 'Not reachable (this request cannot find data there):');
    for (const u of plan.unreachable) lines.push(`  - ${u.collection}: ${u.reason}`);
  }
  for (const note of plan.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}
