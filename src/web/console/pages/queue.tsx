// The queue: filters, a banner counting overdue and due-this-week requests, the page of requests with the days left,
// and keyset paging (next, and previous through the cursors the links carry).
import { dateInWords } from '../../../render/index.js';
import { REQUEST_KINDS, REQUEST_STATUSES, type RequestKind, type RequestStatus } from '../../../workflow/index.js';
import { say, withLang } from '../../layout.js';
import { jurisdictionName, StaffLayout, type ConsoleContext } from '../layout.js';

/** One row as the page shows it (computed from the stored request on `now`'s day). */
export interface QueueRow {
  readonly id: string;
  readonly kind: RequestKind;
  readonly status: RequestStatus;
  readonly jurisdiction: string;
  readonly receivedAt: Date;
  readonly due: string;
  /** Undefined for a closed request. */
  readonly daysLeft: number | undefined;
}

export interface QueueFilters {
  readonly kind?: RequestKind | undefined;
  readonly status?: RequestStatus | 'open' | undefined;
  readonly jurisdiction?: string | undefined;
  readonly due?: 'overdue' | 'this-week' | undefined;
}

export interface QueueView {
  readonly filters: QueueFilters;
  readonly rows: readonly QueueRow[];
  readonly overdue: number;
  readonly dueThisWeek: number;
  readonly jurisdictions: readonly string[];
  /** Links to the next and previous pages, when there are. */
  readonly next?: string | undefined;
  readonly previous?: string | undefined;
}

/** How urgent a row is: past due, due within 7 days, or neither. */
export const urgencyOf = (daysLeft: number | undefined): 'late' | 'soon' | undefined =>
  daysLeft === undefined ? undefined : daysLeft < 0 ? 'late' : daysLeft <= 7 ? 'soon' : undefined;

export function QueuePage({ ctx, view }: { ctx: ConsoleContext; view: QueueView }) {
  const w = ctx.t.console.queue;
  const f = view.filters;
  const left = (n: number | undefined) => (n === undefined ? w.closed : n < 0 ? w.daysLate(-n) : n === 0 ? w.dueToday : w.daysLeft(n));
  return (
    <StaffLayout ctx={ctx} title={w.title} current="queue">
      {(view.overdue > 0 || view.dueThisWeek > 0) && (
        <div class="banner" role="region" aria-label={say(ctx, `${w.lateTag} · ${w.soonTag}`)}>
          {view.overdue > 0 && (
            <p class="late">
              <strong>{say(ctx, w.overdue(view.overdue))}</strong> —{' '}
              <a href={withLang('/console/requests?due=overdue', ctx.lang)}>{say(ctx, w.showOverdue)}</a>
            </p>
          )}
          {view.dueThisWeek > 0 && (
            <p class="soon">
              <strong>{say(ctx, w.thisWeek(view.dueThisWeek))}</strong> —{' '}
              <a href={withLang('/console/requests?due=this-week', ctx.lang)}>{say(ctx, w.showThisWeek)}</a>
            </p>
          )}
        </div>
      )}
      <form method="get" action="/console/requests" class="filters">
        <fieldset>
          <legend>{say(ctx, w.filters)}</legend>
          <input type="hidden" name="lang" value={ctx.lang} />
          <Select
            id="kind"
            label={w.kind}
            value={f.kind}
            any={w.any}
            options={REQUEST_KINDS.map((k) => [k, ctx.t.kindName[k]])}
            ctx={ctx}
          />
          <Select
            id="status"
            label={w.status}
            value={f.status}
            any={w.any}
            options={[['open', w.open], ...REQUEST_STATUSES.map((s): [string, string] => [s, w.statuses[s]])]}
            ctx={ctx}
          />
          <Select
            id="jurisdiction"
            label={w.jurisdiction}
            value={f.jurisdiction}
            any={w.any}
            options={view.jurisdictions.map((j) => [j, jurisdictionName(ctx, j)])}
            ctx={ctx}
          />
          <Select
            id="due"
            label={w.due}
            value={f.due}
            any={w.any}
            options={[
              ['overdue', w.dueOverdue],
              ['this-week', w.dueThisWeek],
            ]}
            ctx={ctx}
          />
          <button type="submit">{say(ctx, w.apply)}</button>
        </fieldset>
      </form>
      {view.rows.length === 0 ? (
        <p>{say(ctx, w.none)}</p>
      ) : (
        <div class="scroll">
          <table class="queue">
            <caption>{say(ctx, w.caption)}</caption>
            <thead>
              <tr>
                <th scope="col">{say(ctx, w.reference)}</th>
                <th scope="col">{say(ctx, w.kind)}</th>
                <th scope="col">{say(ctx, w.status)}</th>
                <th scope="col">{say(ctx, w.jurisdiction)}</th>
                <th scope="col">{say(ctx, w.received)}</th>
                <th scope="col">{say(ctx, w.dueOn)}</th>
                <th scope="col">{say(ctx, w.left)}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => {
                const urgency = urgencyOf(row.daysLeft);
                return (
                  <tr key={row.id} class={urgency}>
                    <th scope="row">
                      <a href={withLang(`/console/requests/${encodeURIComponent(row.id)}`, ctx.lang)}>{row.id}</a>
                    </th>
                    <td>{say(ctx, ctx.t.kindName[row.kind])}</td>
                    <td>{say(ctx, w.statuses[row.status])}</td>
                    <td>{say(ctx, jurisdictionName(ctx, row.jurisdiction))}</td>
                    <td>{dateInWords(row.receivedAt, ctx.lang)}</td>
                    <td>{dateInWords(row.due, ctx.lang)}</td>
                    <td>
                      {urgency && <strong class="tag">{say(ctx, urgency === 'late' ? w.lateTag : w.soonTag)}</strong>}{' '}
                      {say(ctx, left(row.daysLeft))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {(view.previous || view.next) && (
        <nav class="paging" aria-label={say(ctx, w.paging)}>
          {view.previous && <a href={view.previous}>{say(ctx, w.previous)}</a>}
          {view.next && <a href={view.next}>{say(ctx, w.next)}</a>}
        </nav>
      )}
    </StaffLayout>
  );
}

function Select(props: {
  ctx: ConsoleContext;
  id: string;
  label: string;
  value: string | undefined;
  any: string;
  options: readonly (readonly [string, string])[];
}) {
  const { ctx } = props;
  return (
    <div class="field inline">
      <label for={props.id}>{say(ctx, props.label)}</label>
      <select id={props.id} name={props.id}>
        <option value="">{say(ctx, props.any)}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value} selected={value === props.value}>
            {say(ctx, text)}
          </option>
        ))}
      </select>
    </div>
  );
}
