// A request's page: summary and deadline, identity verification, the plan in words with dry-run counts before it runs,
// the results after (rows per collection, holds kept and until when), the timeline, the messages sent, and the actions
// the signed-in role may take now, as forms. Viewing it is audited, and the page says so.
import type { PlanPreview, RequestDetail } from '../../../desk/index.js';
import type { ErasureStrategy } from '../../../policy/index.js';
import { dateInWords } from '../../../render/index.js';
import type { RunOutcome } from '../../../workflow/index.js';
import { say, withLang } from '../../layout.js';
import type { ConsoleAction } from '../../messages/index.js';
import { CsrfField, jurisdictionName, StaffLayout, type ConsoleContext } from '../layout.js';
import { whatHappens } from '../plan-words.js';
import { codeWordsFor, languageName, templateName, type RightsAction } from '../words/index.js';
import { NoticeLine, type Notice } from './sign-in.js';

/** What a run did, read back from the journal: rows per collection, and the rows kept under a legal hold. */
export interface RunResult {
  readonly runId: string;
  readonly operation: RightsAction;
  readonly outcome?: RunOutcome | undefined;
  readonly collections: readonly { readonly collection: string; readonly rows: number }[];
  readonly holds: readonly { readonly collection: string; readonly hold: string; readonly until?: string | undefined }[];
}

/** Actions that need a written reason (told to the person, or kept on record). */
export const REASONED: ReadonlySet<ConsoleAction> = new Set(['deny', 'extend', 'ask-proof', 'mark-verified', 'cancel']);

export interface RequestView {
  readonly detail: RequestDetail;
  /** Undefined when the request is not in a state that has a plan (before verification, after the run). */
  readonly plan?: PlanPreview | undefined;
  readonly results: readonly RunResult[];
  /** The actions offered: those the request accepts now, that the law allows and the role may take. */
  readonly actions: readonly ConsoleAction[];
  readonly verified: boolean;
  /** Whether the role may open the proofs the person sent (`requests:manage`, as the staff API's proof route). */
  readonly proofsOpen: boolean;
}

/** A proof's file type in words: the part of its media type people know (`application/pdf` → PDF). */
const fileType = (mediaType: string): string => (mediaType.split('/')[1] ?? mediaType).toUpperCase();

const at = (date: Date, ctx: ConsoleContext) => `${dateInWords(date, ctx.lang)} ${date.toISOString().slice(11, 16)} UTC`;

export function RequestPage({ ctx, view, notice }: { ctx: ConsoleContext; view: RequestView; notice?: Notice | undefined }) {
  const w = ctx.t.console.request;
  const q = ctx.t.console.queue;
  const codes = codeWordsFor(ctx.lang);
  const { request, deadline } = view.detail;
  // The rights planner's notes and reasons are English sentences: marked so, for a screen reader to say them right.
  const english = ctx.lang === 'en' ? undefined : 'en';
  const base = `/console/requests/${encodeURIComponent(request.id)}`;
  return (
    <StaffLayout ctx={ctx} title={w.title(request.id)} current="queue">
      <p class="flash" role="note">
        {say(ctx, w.audited)}
      </p>
      <NoticeLine ctx={ctx} notice={notice} />
      <section aria-labelledby="summary">
        <h2 id="summary">{say(ctx, w.summary)}</h2>
        <dl>
          <div>
            <dt>{say(ctx, q.kind)}</dt>
            <dd>{say(ctx, ctx.t.kindName[request.kind])}</dd>
          </div>
          <div>
            <dt>{say(ctx, q.status)}</dt>
            <dd>{say(ctx, q.statuses[request.status])}</dd>
          </div>
          <div>
            <dt>{say(ctx, q.jurisdiction)}</dt>
            <dd>{say(ctx, jurisdictionName(ctx, request.jurisdiction))}</dd>
          </div>
          <div>
            <dt>{say(ctx, q.received)}</dt>
            <dd>{dateInWords(deadline.receivedOn, ctx.lang)}</dd>
          </div>
          <div>
            <dt>{say(ctx, q.dueOn)}</dt>
            <dd>
              {dateInWords(deadline.due, ctx.lang)}
              {deadline.extended && ` (${say(ctx, w.extended)})`}
            </dd>
          </div>
          <div>
            <dt>{say(ctx, w.identities)}</dt>
            <dd>
              {Object.entries(request.identities)
                .map(([key, values]) => `${key}: ${values.join(', ')}`)
                .join(' · ')}
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="verification">
        <h2 id="verification">{say(ctx, w.verification)}</h2>
        <p>{say(ctx, view.verified ? w.verified : request.status === 'awaiting-proof' ? w.awaitingProof : w.notVerified)}</p>
        {view.detail.proofs.length > 0 && <p>{say(ctx, w.proofs(view.detail.proofs.length))}</p>}
        {view.proofsOpen && view.detail.proofs.length > 0 && (
          <>
            <p>{say(ctx, w.proofAudited)}</p>
            <ul>
              {view.detail.proofs.map((proof, i) => (
                <li key={proof.id}>
                  <a href={`${base}/proofs/${encodeURIComponent(proof.id)}`}>
                    {say(ctx, w.proofOpen(i + 1, fileType(proof.mediaType), Math.max(1, Math.ceil(proof.size / 1024))))}
                  </a>
                  {` · ${at(proof.uploadedAt, ctx)}`}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <Actions ctx={ctx} view={view} base={base} />
      <section aria-labelledby="plan">
        <h2 id="plan">{say(ctx, w.plan)}</h2>
        {view.plan === undefined ? (
          <p>{say(ctx, w.planNone)}</p>
        ) : (
          <>
            <p>{say(ctx, w.planIntro)}</p>
            {view.plan.operations.map((op) => (
              <div key={op.operation}>
                <h3>{say(ctx, codes.operations[op.operation])}</h3>
                {!op.found && <p>{say(ctx, w.notFound)}</p>}
                <div class="scroll">
                  <table>
                    <caption>{say(ctx, `${w.plan} (${codes.operations[op.operation]})`)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{say(ctx, w.collection)}</th>
                        <th scope="col">{say(ctx, w.rows)}</th>
                        <th scope="col">{say(ctx, w.whatHappens)}</th>
                        <th scope="col">{say(ctx, w.fields)}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {op.collections.map((c) => (
                        <tr key={c.collection}>
                          <th scope="row">{c.collection}</th>
                          <td>{c.rows}</td>
                          <td>
                            {whatHappens(codes, op.operation, c).map((line, i) => (
                              <span key={i} lang={line.english ? english : undefined}>
                                {i > 0 && '; '}
                                {say(ctx, line.text)}
                              </span>
                            ))}
                          </td>
                          <td>
                            {say(
                              ctx,
                              c.fields
                                .map(
                                  (f) =>
                                    `${f.field} : ${codes.strategies[f.strategy as ErasureStrategy] ?? f.strategy}${f.hold ? ` (${f.hold})` : ''}`,
                                )
                                .join(', '),
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {op.unreachable.length > 0 && (
                  <>
                    <h4>{say(ctx, w.unreachable)}</h4>
                    <ul>
                      {op.unreachable.map((u) => (
                        <li key={u.collection}>
                          {`${u.collection} : `}
                          <span lang={english}>{u.reason}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {op.notes.length > 0 && (
                  <ul>
                    {op.notes.map((n) => (
                      <li key={n} lang={english}>
                        {n}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </>
        )}
      </section>
      <section aria-labelledby="results">
        <h2 id="results">{say(ctx, w.results)}</h2>
        {view.results.length === 0 && <p>{say(ctx, w.resultsNone)}</p>}
        {view.results.map((run) => (
          <div key={run.runId}>
            <h3>{say(ctx, w.run(codes.operations[run.operation], run.outcome ? codes.outcomes[run.outcome] : w.running))}</h3>
            {run.collections.length > 0 && (
              <table>
                <caption>{run.runId}</caption>
                <thead>
                  <tr>
                    <th scope="col">{say(ctx, w.collection)}</th>
                    <th scope="col">{say(ctx, w.rows)}</th>
                  </tr>
                </thead>
                <tbody>
                  {run.collections.map((c) => (
                    <tr key={c.collection}>
                      <th scope="row">{c.collection}</th>
                      <td>{c.rows}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {run.holds.length > 0 && (
              <table>
                <caption>{say(ctx, w.holds)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{say(ctx, w.collection)}</th>
                    <th scope="col">{say(ctx, w.hold)}</th>
                    <th scope="col">{say(ctx, w.until)}</th>
                  </tr>
                </thead>
                <tbody>
                  {run.holds.map((h, i) => (
                    <tr key={i}>
                      <th scope="row">{h.collection}</th>
                      <td>{h.hold}</td>
                      <td>{h.until ? dateInWords(h.until.slice(0, 10), ctx.lang) : say(ctx, w.untilReleased)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </section>
      <section aria-labelledby="timeline">
        <h2 id="timeline">{say(ctx, w.timeline)}</h2>
        <div class="scroll">
          <table>
            <caption>{say(ctx, w.timeline)}</caption>
            <thead>
              <tr>
                <th scope="col">{say(ctx, w.when)}</th>
                <th scope="col">{say(ctx, w.what)}</th>
                <th scope="col">{say(ctx, w.who)}</th>
                <th scope="col">{say(ctx, w.why)}</th>
              </tr>
            </thead>
            <tbody>
              {view.detail.history.map((t, i) => (
                <tr key={i}>
                  <td>{at(t.at, ctx)}</td>
                  <td>{`${say(ctx, w.events[t.event])} → ${say(ctx, q.statuses[t.to])}`}</td>
                  <td>{say(ctx, `${codes.actorRoles[t.actor.role]} ${t.actor.id}`)}</td>
                  <td>{t.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="messages">
        <h2 id="messages">{say(ctx, w.messages)}</h2>
        {view.detail.messages.length === 0 ? (
          <p>{say(ctx, w.messagesNone)}</p>
        ) : (
          <ul>
            {view.detail.messages.map((m) => (
              <li key={m.id}>
                {say(
                  ctx,
                  `${templateName(codes, m.template)} (${languageName(codes, m.language)}) · ${codes.delivery[m.status]} · ${at(m.sentAt ?? m.queuedAt, ctx)}`,
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </StaffLayout>
  );
}

function Actions({ ctx, view, base }: { ctx: ConsoleContext; view: RequestView; base: string }) {
  const w = ctx.t.console.request;
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">{say(ctx, w.actions)}</h2>
      {view.actions.length === 0 && <p>{say(ctx, w.actionsNone)}</p>}
      <div class="actions">
        {view.actions.map((action) => {
          const words = w.action[action];
          const field = `reason-${action}`;
          return (
            <form key={action} method="post" action={withLang(`${base}/${action}`, ctx.lang)} aria-label={say(ctx, words.heading)}>
              <CsrfField ctx={ctx} />
              {REASONED.has(action) && (
                <div class="field">
                  <label for={field}>{say(ctx, `${words.heading} — ${w.reason}`)}</label>
                  {words.hint && (
                    <p class="hint" id={`${field}-hint`}>
                      {say(ctx, words.hint)}
                    </p>
                  )}
                  <textarea
                    id={field}
                    name="reason"
                    required
                    maxlength={2000}
                    rows={2}
                    aria-describedby={words.hint ? `${field}-hint` : undefined}
                  />
                </div>
              )}
              <button type="submit" class={action === 'deny' || action === 'cancel' ? 'secondary' : undefined}>
                {say(ctx, words.button)}
              </button>
            </form>
          );
        })}
      </div>
    </section>
  );
}
