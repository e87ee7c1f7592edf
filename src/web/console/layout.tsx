// The staff console's page frame: the foundation's Layout with the console's navigation (only the sections the signed-in
// role may open), who is signed in and in which role, a sign-out button and the language switch.
import type { ComponentChildren } from 'preact';
import { localize } from '../../policy/index.js';
import { roleAllows, type Permission, type StaffRole } from '../../workflow/index.js';
import { Layout, say, withLang, type PageContext } from '../layout.js';
import { CONSOLE_SECTIONS, type ConsoleSection } from '../messages/index.js';
import { CSRF_FIELD } from './guard.js';

/** What a console page may require: a permission, or only a complete sign-in (`signed-in`). */
export type ConsoleAccess = Permission | 'signed-in';

/** Each section's path and what opens it: the navigation shows a link only when the role has it. */
export const SECTIONS: Readonly<Record<ConsoleSection, { readonly path: string; readonly requires: ConsoleAccess }>> = Object.freeze({
  dashboard: { path: '/console/dashboard', requires: 'requests:read' },
  queue: { path: '/console/requests', requires: 'requests:read' },
  registers: { path: '/console/registers', requires: 'requests:read' },
  retention: { path: '/console/retention', requires: 'retention:read' },
  outbox: { path: '/console/outbox', requires: 'requests:read' },
  audit: { path: '/console/audit', requires: 'audit:read' },
  users: { path: '/console/users', requires: 'staff:manage' },
  keys: { path: '/console/keys', requires: 'staff:manage' },
  documents: { path: '/console/documents', requires: 'signed-in' },
});

export const mayOpen = (role: StaffRole, access: ConsoleAccess): boolean => access === 'signed-in' || roleAllows(role, access);

/** The sections `role` may open, in the navigation's order. */
export const sectionsFor = (role: StaffRole): readonly ConsoleSection[] =>
  CONSOLE_SECTIONS.filter((section) => mayOpen(role, SECTIONS[section].requires));

/** Where a role lands after signing in (and at `/console`): the queue, else its first section (an auditor's audit trail). */
export const landingFor = (role: StaffRole): string => {
  const open = sectionsFor(role);
  return SECTIONS[open.includes('queue') ? 'queue' : (open[0] ?? 'documents')].path;
};

/** A jurisdiction as the manifest names it in the page's language (its id when the manifest has no such jurisdiction). */
export const jurisdictionName = (ctx: PageContext, id: string): string => {
  const jurisdiction = ctx.model.jurisdictions.find((j) => j.id === id);
  return jurisdiction ? localize(jurisdiction.name, ctx.lang) : id;
};

/** A console page's context: the page's, plus who is signed in and the CSRF token its forms carry. */
export interface ConsoleContext extends PageContext {
  readonly staff: { readonly email: string; readonly role: StaffRole };
  /** Put in every form as the hidden `_csrf` field (`CsrfField`). */
  readonly csrf: string;
}

/** The hidden field the access hook reads a form's CSRF token from (a script would send the `x-csrf-token` header). */
export const CsrfField = ({ ctx }: { ctx: ConsoleContext }) => <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />;

/** A page of the console for a signed-in member; `current` marks its section in the navigation. */
export function StaffLayout(props: { ctx: ConsoleContext; title: string; current?: ConsoleSection; children: ComponentChildren }) {
  const { ctx } = props;
  const words = ctx.t.console;
  const header = (
    <>
      <nav class="console" aria-label={say(ctx, words.layout.navigation)}>
        <ul>
          {sectionsFor(ctx.staff.role).map((section) => (
            <li key={section}>
              <a href={withLang(SECTIONS[section].path, ctx.lang)} aria-current={section === props.current ? 'page' : undefined}>
                {say(ctx, words.layout.sections[section])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <span>{say(ctx, words.layout.signedInAs(ctx.staff.email, words.roles[ctx.staff.role]))}</span>
        <form method="post" action={withLang('/console/sign-out', ctx.lang)}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="secondary">
            {say(ctx, words.layout.signOut)}
          </button>
        </form>
      </div>
    </>
  );
  return (
    <Layout ctx={ctx} title={props.title} brand={words.layout.brand} header={header}>
      {props.children}
    </Layout>
  );
}

/** A console page without a signed-in member (sign-in, enrolment's first step, the guard's refusals). */
export function OpenConsoleLayout(props: { ctx: PageContext; title: string; children: ComponentChildren }) {
  return (
    <Layout ctx={props.ctx} title={props.title} brand={props.ctx.t.console.layout.brand}>
      {props.children}
    </Layout>
  );
}

/** A table that scrolls sideways on a phone: its column headers (in the page's words) and its body's rows. */
export function ScrollTable(props: {
  ctx: PageContext;
  headers: readonly string[];
  caption?: string;
  /** A wide table named `label` scrolls on its own: focusable and named, so a keyboard can scroll it too. */
  label?: string;
  children: ComponentChildren;
}) {
  const region = props.label === undefined ? {} : { tabIndex: 0, role: 'region' as const, 'aria-label': say(props.ctx, props.label) };
  return (
    <div class="scroll" {...region}>
      <table>
        {props.caption !== undefined && <caption>{say(props.ctx, props.caption)}</caption>}
        <thead>
          <tr>
            {props.headers.map((header) => (
              <th key={header} scope="col">
                {say(props.ctx, header)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
