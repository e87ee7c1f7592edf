// Users and roles, and API keys (admins): lists with their forms; a new password or key is shown once, on the answer
// to the form that made it, never on a page one can reload.
import type { ApiKey, StaffUser } from '../../../store/index.js';
import { STAFF_ROLES } from '../../../workflow/index.js';
import { say, withLang } from '../../layout.js';
import { CsrfField, StaffLayout, type ConsoleContext } from '../layout.js';
import type { OversightWords } from '../words/index.js';

/** A line on what the last form did: `secret` is a password or key shown this once. */
export interface Outcome {
  readonly text: string;
  readonly bad?: boolean;
  readonly secret?: { readonly label: string; readonly value: string; readonly warning: string } | undefined;
}

function OutcomeNote({ ctx, outcome }: { ctx: ConsoleContext; outcome: Outcome | undefined }) {
  if (!outcome) return null;
  return (
    <div class={outcome.bad ? 'flash bad' : 'flash'} role={outcome.bad ? 'alert' : 'status'}>
      <p>{say(ctx, outcome.text)}</p>
      {outcome.secret && (
        <>
          <p>
            <strong>{say(ctx, outcome.secret.warning)}</strong>
          </p>
          <p>
            <label for="secret">{say(ctx, outcome.secret.label)}</label>
            <input id="secret" type="text" readonly value={outcome.secret.value} class="secret" />
          </p>
        </>
      )}
    </div>
  );
}

export function UsersPage(props: {
  ctx: ConsoleContext;
  w: OversightWords;
  users: readonly StaffUser[];
  selfId: string;
  outcome?: Outcome;
}) {
  const { ctx } = props;
  const u = props.w.users;
  const roles = ctx.t.console.roles;
  return (
    <StaffLayout ctx={ctx} title={u.title} current="users">
      <OutcomeNote ctx={ctx} outcome={props.outcome} />
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{say(ctx, u.email)}</th>
              <th scope="col">{say(ctx, u.role)}</th>
              <th scope="col">{say(ctx, u.state)}</th>
              <th scope="col">{say(ctx, u.totp)}</th>
              <th scope="col">{say(ctx, u.actions)}</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.email}</th>
                <td>{say(ctx, roles[user.role])}</td>
                <td>{say(ctx, user.disabled ? u.disabled : u.active)}</td>
                <td>{say(ctx, user.totpSeed !== undefined ? u.yes : u.no)}</td>
                <td>
                  {user.id !== props.selfId && !user.disabled && (
                    <div class="actions">
                      <form method="post" action={withLang(`/console/users/${encodeURIComponent(user.id)}/role`, ctx.lang)}>
                        <CsrfField ctx={ctx} />
                        <select name="role" aria-label={say(ctx, u.changeRole(user.email))}>
                          {STAFF_ROLES.map((r) => (
                            <option key={r} value={r} selected={r === user.role}>
                              {say(ctx, roles[r])}
                            </option>
                          ))}
                        </select>{' '}
                        <button type="submit" class="secondary" aria-label={say(ctx, `${u.save} · ${user.email}`)}>
                          {say(ctx, u.save)}
                        </button>
                      </form>
                      <form method="post" action={withLang(`/console/users/${encodeURIComponent(user.id)}/disable`, ctx.lang)}>
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="secondary">
                          {say(ctx, u.disable(user.email))}
                        </button>
                      </form>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section>
        <h2>{say(ctx, u.addHeading)}</h2>
        <form method="post" action={withLang('/console/users', ctx.lang)}>
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for="email">{say(ctx, u.email)}</label>
            <input id="email" name="email" type="email" required autocomplete="off" />
          </div>
          <div class="field">
            <label for="role">{say(ctx, u.role)}</label>
            <select id="role" name="role">
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {say(ctx, roles[r])}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{say(ctx, u.add)}</button>
        </form>
      </section>
    </StaffLayout>
  );
}

export function KeysPage(props: {
  ctx: ConsoleContext;
  w: OversightWords;
  keys: readonly ApiKey[];
  scopes: readonly string[];
  outcome?: Outcome;
}) {
  const { ctx } = props;
  const k = props.w.keys;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return (
    <StaffLayout ctx={ctx} title={k.title} current="keys">
      <p>{say(ctx, k.intro)}</p>
      <OutcomeNote ctx={ctx} outcome={props.outcome} />
      <section>
        <h2>{say(ctx, k.create)}</h2>
        <form method="post" action={withLang('/console/keys', ctx.lang)}>
          <CsrfField ctx={ctx} />
          <fieldset>
            <legend>{say(ctx, k.scopes)}</legend>
            {props.scopes.map((scope) => (
              <div class="choice" key={scope}>
                <input type="checkbox" id={`scope-${scope}`} name="scopes" value={scope} />
                <label for={`scope-${scope}`}>{say(ctx, props.w.codes.scopes[scope] ?? scope)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{say(ctx, k.create)}</button>
        </form>
      </section>
      {props.keys.length === 0 ? (
        <p>{say(ctx, k.none)}</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{say(ctx, k.prefix)}</th>
                <th scope="col">{say(ctx, k.scopes)}</th>
                <th scope="col">{say(ctx, k.createdAt)}</th>
                <th scope="col">{say(ctx, k.lastUsed)}</th>
                <th scope="col">{say(ctx, k.state)}</th>
              </tr>
            </thead>
            <tbody>
              {props.keys.map((key) => (
                <tr key={key.id}>
                  <th scope="row">
                    <code>{`ck_${key.id}_…`}</code>
                  </th>
                  <td>{say(ctx, key.scopes.map((scope) => props.w.codes.scopes[scope] ?? scope).join(', '))}</td>
                  <td>{day(key.createdAt)}</td>
                  <td>{key.lastUsedAt ? day(key.lastUsedAt) : '—'}</td>
                  <td>
                    {key.revokedAt ? (
                      say(ctx, k.revoked(day(key.revokedAt)))
                    ) : (
                      <form method="post" action={withLang(`/console/keys/${key.id}/revoke`, ctx.lang)}>
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="secondary">
                          {say(ctx, k.revoke(`ck_${key.id}_`))}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  );
}
