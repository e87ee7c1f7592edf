// The audit trail page: entries newest first, a page at a time (ids and counts only), and "verify the chain".
import type { AuditEntry, ChainVerification, SubjectKind } from '../../../audit/index.js';
import { say, withLang } from '../../layout.js';
import { CsrfField, ScrollTable, StaffLayout, type ConsoleContext } from '../layout.js';
import type { OversightWords } from '../words/index.js';

export function AuditPage(props: {
  ctx: ConsoleContext;
  w: OversightWords;
  entries: readonly AuditEntry[];
  next?: number | undefined;
  first: boolean;
  verified?: ChainVerification | undefined;
  mayVerify: boolean;
}) {
  const { ctx } = props;
  const a = props.w.audit;
  const codes = props.w.codes;
  const v = props.verified;
  return (
    <StaffLayout ctx={ctx} title={a.title} current="audit">
      <p>{say(ctx, a.intro)}</p>
      {v && (
        <p class={v.ok ? 'flash' : 'flash bad'} role="status">
          {say(ctx, v.ok ? a.valid(v.entries) : a.broken(v.problem.seq, a.problems[v.problem.kind]))}
        </p>
      )}
      {props.mayVerify && (
        <form method="post" action={withLang('/console/audit/verify', ctx.lang)}>
          <CsrfField ctx={ctx} />
          <button type="submit">{say(ctx, a.verify)}</button>
        </form>
      )}
      {props.entries.length === 0 ? (
        <p>{say(ctx, a.empty)}</p>
      ) : (
        <ScrollTable ctx={ctx} headers={[a.seq, a.at, a.actor, a.action, a.subjects]}>
          {props.entries.map((e) => (
            <tr key={e.seq}>
              <th scope="row">{String(e.seq)}</th>
              <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
              <td>{say(ctx, `${codes.actorKinds[e.actor.kind]} ${e.actor.id}`)}</td>
              <td>{say(ctx, codes.auditActions[e.action] ?? e.action)}</td>
              <td>
                {Object.entries(e.subjects)
                  .filter((kv): kv is [SubjectKind, string] => typeof kv[1] === 'string')
                  .map(([k, id]) => `${codes.subjects[k] ?? k} ${id}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <p>
        {!props.first && <a href={withLang('/console/audit', ctx.lang)}>{say(ctx, a.newest)}</a>}
        {!props.first && props.next !== undefined && ' · '}
        {props.next !== undefined && <a href={withLang(`/console/audit?before=${props.next}`, ctx.lang)}>{say(ctx, a.older)}</a>}
      </p>
    </StaffLayout>
  );
}
