// The status page, reachable again by its link: code entry, timeline, due date, next step, blockers, proof, withdrawal.
import type { RequestStatusView } from '../../desk/index.js';
import { localize } from '../../policy/index.js';
import { dateInWords } from '../../render/index.js';
import { CLOSED_STATUSES } from '../../workflow/index.js';
import { Layout, OneTimeCodeInput, say, type PageContext } from '../layout.js';

/** A line at the top of the page: what the last form did (`ok`) or why it was refused. */
export interface Flash {
  readonly text: string;
  readonly bad?: boolean;
}

export interface StatusProps {
  readonly ctx: PageContext;
  readonly view: RequestStatusView;
  /** The page's own path (`/privacy/status/<token>`): its forms post below it. */
  readonly base: string;
  readonly flash?: Flash | undefined;
  readonly maxProofMegabytes: number;
}

export function StatusPage({ ctx, view, base, flash, maxProofMegabytes }: StatusProps) {
  const { t, lang, model } = ctx;
  const s = t.status;
  const action = (to: string) => `${base}/${to}?lang=${lang}`;
  const words = (id: string) => {
    const precondition = model.accounts.closure?.preconditions.find((p) => p.id === id);
    return precondition ? localize(precondition.description, lang) || id : id;
  };
  const open = !(CLOSED_STATUSES as readonly string[]).includes(view.status);
  return (
    <Layout ctx={ctx} title={`${s.title} — ${t.kindName[view.kind]}`}>
      {flash && (
        <p class={flash.bad ? 'flash bad' : 'flash'} role={flash.bad ? 'alert' : 'status'}>
          {say(ctx, flash.text)}
        </p>
      )}
      <p class="lead">{say(ctx, s.keep)}</p>
      <dl>
        <div>
          <dt>{say(ctx, s.reference)}</dt>
          <dd>
            <code>{view.requestId}</code>
          </dd>
        </div>
        <div>
          <dt>{say(ctx, s.state)}</dt>
          <dd>{say(ctx, s.statuses[view.status])}</dd>
        </div>
        <div>
          <dt>{say(ctx, s.received)}</dt>
          <dd>{dateInWords(view.receivedOn, lang)}</dd>
        </div>
        <div>
          <dt>{say(ctx, s.due)}</dt>
          <dd>
            {dateInWords(view.due, lang)}
            {view.extended && <span class="hint">{` — ${say(ctx, s.extended)}`}</span>}
          </dd>
        </div>
      </dl>
      <section aria-labelledby="next">
        <h2 id="next">{say(ctx, s.nextHeading)}</h2>
        <p>{say(ctx, s.next[view.next])}</p>
      </section>
      {view.status === 'awaiting-verification' && (
        <section aria-labelledby="code-title">
          <h2 id="code-title">{say(ctx, s.codeHeading)}</h2>
          <p id="code-hint">{say(ctx, s.codeIntro)}</p>
          <form method="post" action={action('code')}>
            <div class="field">
              <label for="code">{say(ctx, s.code)}</label>
              <OneTimeCodeInput id="code" maxLength={16} describedBy="code-hint" />
            </div>
            <button type="submit">{say(ctx, s.confirm)}</button>
          </form>
          <form method="post" action={action('resend')}>
            <p>
              <button type="submit" class="secondary">
                {say(ctx, s.resend)}
              </button>
            </p>
          </form>
        </section>
      )}
      {view.blockers.length > 0 && (
        <section aria-labelledby="blockers">
          <h2 id="blockers">{say(ctx, s.blockersHeading)}</h2>
          <p>{say(ctx, s.blockersIntro(view.blockers.length))}</p>
          <ul>
            {view.blockers.map((id) => (
              <li key={id}>{say(ctx, words(id))}</li>
            ))}
          </ul>
          <p>{say(ctx, s.askAgainIntro)}</p>
          <form method="post" action={action('again')}>
            <button type="submit">{say(ctx, s.askAgain)}</button>
          </form>
        </section>
      )}
      {view.status === 'awaiting-proof' && (
        <section aria-labelledby="proof">
          <h2 id="proof">{say(ctx, s.proofHeading)}</h2>
          <p>{say(ctx, s.proofIntro(maxProofMegabytes))}</p>
          <p>
            <strong>{say(ctx, s.proofPromise)}</strong>
          </p>
          <form method="post" action={action('proof')} enctype="multipart/form-data">
            <div class="field">
              <label for="document">{say(ctx, s.proofFile)}</label>
              <input type="file" id="document" name="document" accept="application/pdf,image/jpeg,image/png" />
            </div>
            <button type="submit">{say(ctx, s.proofSend)}</button>
          </form>
        </section>
      )}
      <section aria-labelledby="timeline">
        <h2 id="timeline">{say(ctx, s.timeline)}</h2>
        <ol>
          {view.timeline.map((step, i) => (
            <li key={i}>
              <time dateTime={step.at.toISOString()}>{dateInWords(step.at, lang)}</time>
              {` — ${say(ctx, s.statuses[step.status])}`}
            </li>
          ))}
        </ol>
      </section>
      {open && view.status !== 'running' && (
        <section aria-labelledby="cancel">
          <h2 id="cancel">{say(ctx, s.cancelHeading)}</h2>
          <form method="post" action={action('cancel')}>
            <div class="field">
              <label for="reason">{say(ctx, s.cancelReason)}</label>
              <textarea id="reason" name="reason" rows={2} maxLength={1000} />
            </div>
            <button type="submit" class="secondary">
              {say(ctx, s.cancel)}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}
