// A retention plan for people: one block per rule and collection, then the problems and the transient rules; and a
// sweep's result, one line per rule and collection.
import type { SweepAnonymity } from './anonymity.js';
import type { RetentionPlan, RetentionPlanEntry } from './plan.js';
import type { RetentionSweep } from './run.js';

const day = (iso: string | undefined) => (iso === undefined ? '' : iso.slice(0, 10));

function describeEntry(e: RetentionPlanEntry): string[] {
  const verb = e.action === 'anonymise' ? 'anonymise' : 'delete';
  const head = `${e.rule} · ${e.collection} — ${e.period} from ${e.trigger} (${e.clock}), expired if dated on or before ${day(e.cutoff)}`;
  if (!e.countable) return [head, `  not countable: ${e.reason ?? 'the store could not be read'}`];
  const lines = [head];
  lines.push(
    e.due === 0 ? `  ${verb}: none` : `  ${verb}: ${e.due} row${e.due === 1 ? '' : 's'}, dated ${day(e.oldest)} to ${day(e.newest)}`,
  );
  if (e.held.rows > 0) {
    const ends = [
      e.held.until ? `until ${day(e.held.until)} at the latest` : '',
      e.held.withoutEnd > 0 ? `${e.held.withoutEnd} until the legal periods expire` : '',
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(`  kept by a legal hold (${e.held.holds.join(', ')}): ${e.held.rows}${ends ? ` (${ends})` : ''}`);
  }
  if (e.restricted > 0) lines.push(`  restricted (art. 18), kept until the restriction is lifted: ${e.restricted}`);
  if (e.extended > 0) lines.push(`  kept: extension by consent not verifiable: ${e.extended}`);
  if (e.referenced > 0) lines.push(`  kept because a row that stays (another rule's, held or restricted) references them: ${e.referenced}`);
  if (e.unlinked > 0) lines.push(`  rows elsewhere referencing these, their reference nulled if they stay: ${e.unlinked}`);
  if (e.anonymised > 0) lines.push(`  anonymised already: ${e.anonymised}`);
  lines.push(
    `  within their period: ${e.inside}${e.expiring > 0 ? ` (${e.expiring} would be given their end as an expiry, for the store to remove them then)` : ''}; no date yet: ${e.notStarted}; rows read: ${e.rows}`,
  );
  if (e.operators.length > 0) {
    lines.push(
      `  anonymisation: ${e.operators.map((o) => `${o.field} → ${o.operator === 'fixed' ? 'fixed value' : o.operator === 'generalise' ? o.spec.op : o.operator}`).join(', ')}`,
    );
  }
  for (const note of e.notes) lines.push(`  note: ${note}`);
  return lines;
}

/** The plan as plain text (the CLI prints it; `--json` prints the plan itself). */
export function formatRetentionPlan(plan: RetentionPlan): string {
  const blocks = [`Retention plan at ${plan.now} (a dry run: nothing was changed)`, ''];
  if (plan.entries.length === 0) blocks.push('No retention rule applies to a collection.', '');
  for (const e of plan.entries) blocks.push(...describeEntry(e), '');
  if (plan.problems.length > 0) {
    blocks.push('Not compiled:');
    for (const p of plan.problems) blocks.push(`  ${p.place}: ${p.reason}`, `    fix: ${p.fix}`);
    blocks.push('');
  }
  for (const t of plan.transient) {
    blocks.push(
      t.storedIn.length === 0
        ? `${t.rule}: transient (${t.categories.join(', ')}), never stored: nothing to sweep`
        : `${t.rule}: transient, yet stored in ${t.storedIn.join(', ')}: remove it there (CUS078)`,
    );
  }
  const totals = plan.entries.reduce((sum, e) => sum + e.due, 0);
  blocks.push(`Total due: ${totals} row${totals === 1 ? '' : 's'}.`);
  return `${blocks.join('\n')}\n`;
}

/** One line per rule and collection: what the sweep did, and a failure's reason. */
export function formatRetentionSweep(sweep: RetentionSweep): string {
  const lines = [`Retention sweep ${sweep.sweepId} at ${sweep.now}${sweep.resumed ? ' (resumed)' : ''}: ${sweep.status}`];
  for (const c of sweep.conditions) {
    const children = Object.entries(c.children).map(([collection, n]) => `${n} in ${collection}`);
    const verb = c.action === 'anonymise' ? 'anonymised' : 'deleted';
    lines.push(
      `  ${c.rule} · ${c.collection}: ${c.status}, ${c.rows} ${verb}${children.length > 0 ? ` (with ${children.join(', ')})` : ''}${c.referenced > 0 ? `, ${c.referenced} kept for rows that reference them` : ''}${c.expiring > 0 ? `, ${c.expiring} given their end as an expiry` : ''}, ${c.batches} batch${c.batches === 1 ? '' : 'es'}${c.error ? ` — ${c.error}` : ''}`,
    );
    if (c.anonymity) lines.push(`    ${anonymityLine(c.anonymity)}`);
  }
  if (sweep.status === 'paused') lines.push(`  resume with --sweep-id ${sweep.sweepId}`);
  return `${lines.join('\n')}\n`;
}

/** The declared thresholds' verdict on the rows a sweep anonymised: counts only. */
function anonymityLine(a: SweepAnonymity): string {
  if (a.error) return `anonymity: not checked — ${a.error}`;
  const l = a.smallestL === undefined ? '' : `, at least ${a.smallestL} sensitive value${a.smallestL === 1 ? '' : 's'} per group`;
  const below = a.recordsBelowK > 0 ? `, ${a.recordsBelowK} in groups under ${a.k}` : '';
  const linkable = a.linkable > 0 ? `, ${a.linkable} linkable column${a.linkable === 1 ? '' : 's'}` : '';
  return `anonymity: ${a.passed ? 'PASS' : 'FAIL'} on ${a.rows} anonymised rows (k ≥ ${a.k}: smallest group ${a.smallestClass}${below}${l}${linkable})`;
}
