// The registers' pages: each kind's entries with their clocks, a form to record one, and an entry's page with its
// clock, what is recorded and a form to change its status.
import type { RegisterView } from '../../../desk/index.js';
import { REGISTER_KINDS, REGISTER_STATUSES, openedAt, type RegisterKind } from '../../../workflow/index.js';
import { say, withLang } from '../../layout.js';
import { CsrfField, ScrollTable, StaffLayout, type ConsoleContext } from '../layout.js';
import { REGISTER_FORMS, type FormValues } from '../register-forms.js';
import type { OversightWords } from '../words/index.js';

export const REGISTER_SEGMENTS: Readonly<Record<RegisterKind, string>> = {
  'authority-request': 'authority-requests',
  incident: 'incidents',
  complaint: 'complaints',
};

const stamp = (d: Date | undefined): string => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

/** Hours left (an incident), days left (a complaint), overdue, or no clock. */
function ClockText({ ctx, w, view }: { ctx: ConsoleContext; w: OversightWords; view: RegisterView }) {
  const r = w.registers;
  const c = view.clock;
  const text =
    c.hoursLeft !== undefined ? r.hoursLeft(c.hoursLeft) : c.daysLeft !== undefined ? r.daysLeft(c.daysLeft) : c.dueAt ? '' : r.noClock;
  return (
    <span class={c.overdue ? 'alarm' : undefined}>
      {c.overdue && <strong>{`${say(ctx, r.overdue)} `}</strong>}
      {say(ctx, text)}
    </span>
  );
}

export function RegistersPage(props: {
  ctx: ConsoleContext;
  w: OversightWords;
  lists: Readonly<Record<RegisterKind, readonly RegisterView[]>>;
  mayRecord: boolean;
}) {
  const { ctx } = props;
  const r = props.w.registers;
  return (
    <StaffLayout ctx={ctx} title={r.title} current="registers">
      {REGISTER_KINDS.map((kind) => (
        <section key={kind} aria-labelledby={`h-${kind}`}>
          <h2 id={`h-${kind}`}>{say(ctx, r.kinds[kind])}</h2>
          {props.mayRecord && (
            <p>
              <a href={withLang(`/console/registers/${REGISTER_SEGMENTS[kind]}/new`, ctx.lang)}>{say(ctx, r.record[kind])}</a>
            </p>
          )}
          {props.lists[kind].length === 0 ? (
            <p>{say(ctx, r.none)}</p>
          ) : (
            <ScrollTable ctx={ctx} headers={[r.id, r.opened, r.status, r.due, r.left]}>
              {props.lists[kind].map((view) => (
                <tr key={view.entry.id}>
                  <th scope="row">
                    <a href={withLang(`/console/registers/${REGISTER_SEGMENTS[kind]}/${view.entry.id}`, ctx.lang)}>{view.entry.id}</a>
                  </th>
                  <td>{stamp(openedAt(view.entry))}</td>
                  <td>{say(ctx, props.w.codes.registerStatuses[view.entry.status])}</td>
                  <td>{stamp(view.clock.dueAt)}</td>
                  <td>
                    <ClockText ctx={ctx} w={props.w} view={view} />
                  </td>
                </tr>
              ))}
            </ScrollTable>
          )}
        </section>
      ))}
    </StaffLayout>
  );
}

export function RegisterFormPage(props: {
  ctx: ConsoleContext;
  w: OversightWords;
  kind: RegisterKind;
  values: FormValues;
  problems: Readonly<Record<string, string>>;
}) {
  const { ctx, kind } = props;
  const r = props.w.registers;
  const problemOf = (name: string) => props.problems[name];
  const names = Object.keys(props.problems);
  return (
    <StaffLayout ctx={ctx} title={r.record[kind]} current="registers">
      {names.length > 0 && (
        <div class="summary" role="alert">
          <p>{say(ctx, r.errorSummary)}</p>
          <ul>
            {names.map((n) => (
              <li key={n}>
                <a href={`#f-${n}`}>{`${say(ctx, r.fields[n] ?? n)} : ${props.problems[n]}`}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={withLang(`/console/registers/${REGISTER_SEGMENTS[kind]}`, ctx.lang)} novalidate>
        <CsrfField ctx={ctx} />
        {REGISTER_FORMS[kind].map((f) => {
          const id = `f-${f.name}`;
          const problem = problemOf(f.name);
          const hint = r.hints[f.name];
          const described = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
          const common = {
            id,
            name: f.name,
            required: f.required,
            'aria-invalid': problem ? ('true' as const) : undefined,
            'aria-describedby': described,
          };
          const value = props.values[f.name] ?? '';
          return (
            <div class="field" key={f.name}>
              <label for={id}>{say(ctx, r.fields[f.name] ?? f.name)}</label>
              {hint && (
                <p class="hint" id={`${id}-hint`}>
                  {say(ctx, hint)}
                </p>
              )}
              {f.type === 'textarea' ? (
                <textarea {...common} rows={4}>
                  {value}
                </textarea>
              ) : f.type === 'risk' ? (
                <select {...common}>
                  {(['none', 'risk', 'high-risk'] as const).map((k) => (
                    <option key={k} value={k} selected={value === k}>
                      {say(ctx, r.risks[k])}
                    </option>
                  ))}
                </select>
              ) : f.type === 'number' ? (
                <input {...common} type="number" min={0} value={value} />
              ) : f.type === 'datetime' ? (
                <input {...common} type="datetime-local" value={value} />
              ) : (
                <input {...common} type="text" value={value} />
              )}
              {problem && (
                <p class="error" id={`${id}-error`}>
                  {problem}
                </p>
              )}
            </div>
          );
        })}
        <button type="submit">{say(ctx, r.submit)}</button>
      </form>
    </StaffLayout>
  );
}

export function RegisterEntryPage(props: {
  ctx: ConsoleContext;
  w: OversightWords;
  view: RegisterView;
  mayChange: boolean;
  flash?: { text: string; bad: boolean } | undefined;
}) {
  const { ctx, view } = props;
  const r = props.w.registers;
  const codes = props.w.codes;
  const entry = view.entry;
  const shown = Object.entries(entry).filter(([k]) => !['kind', 'id', 'notifications'].includes(k));
  // Closed word lists (status, risk, yes or no) in words; what staff typed as they typed it.
  const value = (k: string, v: unknown): string =>
    k === 'status'
      ? codes.registerStatuses[entry.status]
      : k === 'risk' && typeof v === 'string' && v in r.risks
        ? r.risks[v as keyof typeof r.risks]
        : typeof v === 'boolean'
          ? v
            ? codes.yes
            : codes.no
          : v instanceof Date
            ? stamp(v)
            : Array.isArray(v)
              ? v.join(', ')
              : typeof v === 'object' && v !== null
                ? JSON.stringify(v)
                : String(v);
  return (
    <StaffLayout ctx={ctx} title={r.entryTitle(r.kinds[entry.kind], entry.id)} current="registers">
      {props.flash && (
        <p class={props.flash.bad ? 'flash bad' : 'flash'} role={props.flash.bad ? 'alert' : 'status'}>
          {props.flash.text}
        </p>
      )}
      <section aria-labelledby="h-clock">
        <h2 id="h-clock">{say(ctx, r.clockHeading)}</h2>
        <p>
          {`${say(ctx, r.due)} : ${stamp(view.clock.dueAt)} · `}
          <ClockText ctx={ctx} w={props.w} view={view} />
        </p>
        {view.clock.notifications && view.clock.notifications.length > 0 && (
          <>
            <h3>{say(ctx, r.notifications)}</h3>
            <ul>
              {view.clock.notifications.map((n) => (
                <li key={`${n.law}-${n.to}`}>
                  {say(
                    ctx,
                    `${n.source} · ${codes.recipients[n.to]}${n.authority ? ` (${n.authority})` : ''} · ${n.sentAt ? r.sent(stamp(n.sentAt)) : r.owed}`,
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="h-details">
        <h2 id="h-details">{say(ctx, r.details)}</h2>
        <dl>
          {shown.map(([k, v]) => (
            <div key={k}>
              <dt>{say(ctx, r.fields[k] ?? k)}</dt>
              <dd>{value(k, v)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {props.mayChange && (
        <section aria-labelledby="h-change">
          <h2 id="h-change">{say(ctx, r.change)}</h2>
          <form method="post" action={withLang(`/console/registers/${REGISTER_SEGMENTS[entry.kind]}/${entry.id}`, ctx.lang)}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="version" value={String(view.version)} />
            <div class="field">
              <label for="status">{say(ctx, r.newStatus)}</label>
              <select id="status" name="status">
                {REGISTER_STATUSES[entry.kind].map((s) => (
                  <option key={s} value={s} selected={s === entry.status}>
                    {say(ctx, codes.registerStatuses[s])}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{say(ctx, r.saveStatus)}</button>
          </form>
        </section>
      )}
    </StaffLayout>
  );
}
