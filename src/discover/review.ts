// The header of a dataset draft: the decisions the draft leaves open, each named so a reviewer can go through them in turn.
import type { ProposedLink } from './links.js';
import type { DraftReference } from './references.js';
import type { TableFacts } from './tables.js';

export interface ReviewFacts {
  readonly tables: ReadonlyMap<string, TableFacts>;
  readonly references: readonly DraftReference[];
  readonly links: ReadonlyMap<string, ProposedLink>;
  readonly reached: ReadonlySet<string>;
  /** Table → columns given a category. */
  readonly categorised: ReadonlyMap<string, readonly string[]>;
  readonly alarms: readonly string[];
}

const LIST_LIMIT = 12;

function list(items: readonly string[]): string {
  return items.length <= LIST_LIMIT ? items.join(', ') : `${items.slice(0, LIST_LIMIT).join(', ')} and ${items.length - LIST_LIMIT} more`;
}

/** Comment lines (each with its leading space, as the yaml library writes them) for the top of the draft. */
export function reviewHeader(facts: ReviewFacts): string {
  const lines = ['Drafted by `custos generate dataset`. Nothing here is decided until you have checked it:'];
  const people = [...facts.tables.values()].filter((t) => t.people !== undefined);
  lines.push(
    people.length > 0
      ? `- identities: declare what requests carry (email, customer_id…) and the fields holding them; tables of people: ${list(people.map((t) => `${t.name} (${t.people})`))}`
      : '- identities: no table looks like people; declare what requests carry and the fields holding them',
  );
  const proposed = [...facts.categorised.values()].reduce((n, cols) => n + cols.length, 0);
  lines.push(
    `- categories: ${proposed} proposed, each with its reason above it; a column without one may still be personal (a salary, free text)`,
  );
  const guessed = facts.references.filter((r) => r.guessed !== undefined);
  if (guessed.length > 0)
    lines.push(
      `- references read from column names, the store declaring no foreign key: ${list(guessed.map((r) => `${r.table}.${r.column}`))}`,
    );
  const byLink = (link: string) =>
    facts.references.filter((r) => facts.links.get(`${r.table}.${r.column}`)?.link === link).map((r) => `${r.table}.${r.column}`);
  const belongs = byLink('belongs-to');
  const owns = byLink('owns');
  lines.push(
    `- links decide whose rows a request reaches: belongs-to ${belongs.length > 0 ? list(belongs) : 'none'}; owns ${owns.length > 0 ? list(owns) : 'none'}; every other reference is an association, never walked`,
  );
  const unreached = [...facts.categorised.keys()].filter((t) => !facts.reached.has(t));
  if (unreached.length > 0)
    lines.push(`- personal data no link reaches from a table of people: ${list(unreached)} (an identity or a link is missing)`);
  const passwords = [...facts.tables.values()].flatMap((t) =>
    [...t.proposals].filter(([, p]) => p.category === 'user.auth.password').map(([c]) => `${t.name}.${c}`),
  );
  if (passwords.length > 0)
    lines.push(`- protection of secrets: ${list(passwords)} (hashed is proposed only when the samples look hashed)`);
  for (const alarm of facts.alarms) lines.push(`- WARNING ${alarm}`);
  lines.push('- then: timestamps for retention, erasure strategies, purposes covering each category; run `custos lint`.');
  return lines.map((line) => ` ${line}`).join('\n');
}
