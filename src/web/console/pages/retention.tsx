// The retention page: the next sweep's plan (per rule and collection: due, oldest and newest, kept and why), the
// records reaching the end of their retention each week for 52 weeks (stacked per rule), and the past sweeps.
import type { Language, PolicyModel } from '../../../policy/index.js';
import { dateInWords, listInWords, periodInWords } from '../../../render/index.js';
import { say } from '../../layout.js';
import { StackedBarChart } from '../charts.js';
import { ScrollTable, StaffLayout, type ConsoleContext } from '../layout.js';
import { HISTORY_SCAN, type PlanRow, type RetentionPageData } from '../retention.js';
import type { OversightWords } from '../words/index.js';

type RetentionWords = OversightWords['retention'];

export function RetentionPage({ ctx, w, data }: { ctx: ConsoleContext; w: OversightWords; data: RetentionPageData }) {
  const r = w.retention;
  const { plan, forecast } = data;
  const day = (iso: string) => dateInWords(iso, ctx.lang);
  const charted = data.series.reduce((n, s) => n + s.total, 0);
  const dueNow = forecast.entries.reduce((n, e) => n + e.dueNow, 0);
  return (
    <StaffLayout ctx={ctx} title={r.title} current="retention">
      <p>{say(ctx, r.intro(`${day(plan.now)} ${plan.now.slice(11, 16)} UTC`))}</p>

      <h2>{say(ctx, r.planHeading)}</h2>
      <p>{say(ctx, r.planIntro)}</p>
      {plan.entries.length === 0 ? (
        <p>{say(ctx, r.noRules)}</p>
      ) : (
        <ScrollTable ctx={ctx} label={r.planHeading} headers={[r.rule, r.collection, r.action, r.due, r.range, r.kept]}>
          {plan.entries.map((e) => (
            <tr key={`${e.rule}|${e.collection}`}>
              <th scope="row">
                <code>{e.rule}</code>
                <br />
                <small>
                  {say(ctx, r.period(periodOf(ctx.model, e, ctx.lang)))} <code>{e.clock}</code>
                </small>
              </th>
              <td>
                <code>{e.collection}</code>
              </td>
              <td>{say(ctx, r.actions[e.action])}</td>
              <td>{e.countable ? String(e.due) : '—'}</td>
              <td>{e.oldest && e.newest ? `${day(e.oldest)} – ${day(e.newest)}` : '—'}</td>
              <td>
                {e.countable ? (
                  say(ctx, keptText(r, e, day, ctx.lang))
                ) : (
                  // The store's own reason is the engine's, in English: marked so, after the page's words.
                  <>
                    {say(ctx, r.notCountable)} <span lang="en">{e.reason ?? ''}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {plan.problems.length > 0 && (
        <>
          <h3>{say(ctx, r.problemsHeading)}</h3>
          <ul>
            {plan.problems.map((p) => (
              <li key={`${p.rule}|${p.place}`}>
                <code>{p.rule}</code> · <code>{p.place}</code>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{say(ctx, r.forecastHeading)}</h2>
      {charted === 0 ? (
        <p>{say(ctx, r.forecastEmpty)}</p>
      ) : (
        <StackedBarChart
          id="forecast"
          title={say(ctx, r.forecastHeading)}
          description={say(ctx, r.forecastText(charted, data.series.length, dueNow))}
          tableLabel={say(ctx, r.table)}
          pointHeader={r.week}
          totalHeader={r.total}
          points={forecast.weekStarts.map((start) => start.slice(0, 10))}
          pointLabel={(point) => point.slice(5)}
          labelEvery={8}
          series={data.series.map((s) => ({ name: s.rule ?? r.otherRules, values: s.weekly }))}
        />
      )}

      <h2>{say(ctx, r.historyHeading)}</h2>
      {data.history.length === 0 ? (
        <p>{say(ctx, r.historyEmpty)}</p>
      ) : (
        <ScrollTable
          ctx={ctx}
          label={r.historyHeading}
          headers={[r.at, r.rule, r.collection, r.action, r.status, r.rows, r.batches, r.longest]}
        >
          {data.history.map((h) => (
            <tr key={h.seq}>
              <th scope="row">{h.at.replace('T', ' ').slice(0, 16)}</th>
              <td>
                <code>{h.rule}</code>
              </td>
              <td>
                <code>{h.collection}</code>
              </td>
              <td>{h.action === 'delete' || h.action === 'anonymise' ? say(ctx, r.actions[h.action]) : h.action}</td>
              <td>{h.status === 'done' || h.status === 'failed' || h.status === 'paused' ? say(ctx, r.statuses[h.status]) : h.status}</td>
              <td>{String(h.rows)}</td>
              <td>{String(h.batches)}</td>
              <td>{say(ctx, r.ms(h.largestBatchMs))}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {data.historyCut && <p>{say(ctx, r.historyCut(HISTORY_SCAN))}</p>}
    </StaffLayout>
  );
}

/** The rule's period in the page's words ("1 year after the end of the contract"), else as the plan wrote it. */
function periodOf(model: PolicyModel, e: PlanRow, lang: Language): string {
  const rule = model.retention.get(e.rule);
  return rule?.duration ? periodInWords(rule.duration, e.trigger, lang) : e.period;
}

/** What keeps rows past their period, each reason with its count (held ones with their holds and latest end). */
function keptText(r: RetentionWords, e: PlanRow, day: (iso: string) => string, lang: Language): string {
  const parts: string[] = [];
  if (e.held.rows > 0) {
    const ends = [
      ...(e.held.until ? [r.heldUntil(day(e.held.until))] : []),
      ...(e.held.withoutEnd > 0 ? [r.heldForever(e.held.withoutEnd)] : []),
    ];
    parts.push(`${r.held(e.held.rows, e.held.holds.join(', '))} ${ends.join(', ')}`.trim());
  }
  if (e.restricted > 0) parts.push(r.restricted(e.restricted));
  if (e.extended > 0) parts.push(r.extended(e.extended));
  if (e.referenced > 0) parts.push(r.referenced(e.referenced));
  return parts.length === 0 ? r.nothingKept : listInWords(parts, lang);
}
