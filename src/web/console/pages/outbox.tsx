// The outbox page: which message went to whom (by request), in which language and how delivery went; never a
// message's params (codes, links) or its address.
import type { SentMessage } from '../../../desk/index.js';
import { dateInWords } from '../../../render/index.js';
import { say, withLang } from '../../layout.js';
import { StaffLayout, type ConsoleContext } from '../layout.js';
import { codeWordsFor, languageName, templateName } from '../words/index.js';

export type OutboxRow = SentMessage & { readonly requestId?: string | undefined };

export function OutboxPage({ ctx, rows, next }: { ctx: ConsoleContext; rows: readonly OutboxRow[]; next?: string | undefined }) {
  const w = ctx.t.console.outbox;
  const codes = codeWordsFor(ctx.lang);
  const when = (d: Date) => `${dateInWords(d, ctx.lang)} ${d.toISOString().slice(11, 16)} UTC`;
  return (
    <StaffLayout ctx={ctx} title={w.title} current="outbox">
      <p>{say(ctx, w.intro)}</p>
      {rows.length === 0 ? (
        <p>{say(ctx, w.none)}</p>
      ) : (
        <div class="scroll">
          <table>
            <caption>{say(ctx, w.caption)}</caption>
            <thead>
              <tr>
                <th scope="col">{say(ctx, ctx.t.console.request.template)}</th>
                <th scope="col">{say(ctx, w.request)}</th>
                <th scope="col">{say(ctx, w.language)}</th>
                <th scope="col">{say(ctx, ctx.t.console.request.delivery)}</th>
                <th scope="col">{say(ctx, w.attempts)}</th>
                <th scope="col">{say(ctx, w.queued)}</th>
                <th scope="col">{say(ctx, w.sent)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{say(ctx, templateName(codes, m.template))}</th>
                  <td>
                    {m.requestId && <a href={withLang(`/console/requests/${encodeURIComponent(m.requestId)}`, ctx.lang)}>{m.requestId}</a>}
                  </td>
                  <td>{say(ctx, languageName(codes, m.language))}</td>
                  <td>{say(ctx, codes.delivery[m.status])}</td>
                  <td>{m.attempts}</td>
                  <td>{when(m.queuedAt)}</td>
                  <td>{m.sentAt ? when(m.sentAt) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <nav class="paging" aria-label={say(ctx, ctx.t.console.queue.paging)}>
          <a href={next}>{say(ctx, ctx.t.console.queue.next)}</a>
        </nav>
      )}
    </StaffLayout>
  );
}
