// The console's sign-in page (e-mail, password, authenticator code) and its TOTP enrolment page (QR code and secret).
import type { PageContext } from '../../layout.js';
import { OneTimeCodeInput, say, withLang } from '../../layout.js';
import type { ConsoleEnrolment } from '../auth.js';
import { CsrfField, OpenConsoleLayout, StaffLayout, type ConsoleContext } from '../layout.js';

export interface Notice {
  readonly text: string;
  readonly bad?: boolean;
}

export const NoticeLine = ({ ctx, notice }: { ctx: PageContext; notice: Notice | undefined }) =>
  notice === undefined ? null : (
    <p class={notice.bad ? 'flash bad' : 'flash'} role={notice.bad ? 'alert' : 'status'}>
      {say(ctx, notice.text)}
    </p>
  );

export function SignInPage({ ctx, action, email, notice }: { ctx: PageContext; action: string; email: string; notice?: Notice }) {
  const w = ctx.t.console.signIn;
  return (
    <OpenConsoleLayout ctx={ctx} title={w.title}>
      <NoticeLine ctx={ctx} notice={notice} />
      <form method="post" action={action}>
        <div class="field">
          <label for="email">{say(ctx, w.email)}</label>
          <input type="email" id="email" name="email" autocomplete="username" required value={email} />
        </div>
        <div class="field">
          <label for="password">{say(ctx, w.password)}</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required />
        </div>
        <div class="field">
          <label for="totp">{say(ctx, w.totp)}</label>
          <p class="hint" id="totp-hint">
            {say(ctx, w.totpHint)}
          </p>
          <OneTimeCodeInput id="totp" maxLength={6} digits={6} describedBy="totp-hint" />
        </div>
        <button type="submit">{say(ctx, w.submit)}</button>
      </form>
    </OpenConsoleLayout>
  );
}

/** The enrolment page: a start button, then the QR code (inline SVG) with the secret in text and the code to confirm. */
export function TotpPage(props: {
  ctx: ConsoleContext;
  state: ConsoleEnrolment | 'enrolled' | 'not-started';
  mustEnrol: boolean;
  notice?: Notice;
}) {
  const { ctx, state } = props;
  const w = ctx.t.console.totp;
  return (
    <StaffLayout ctx={ctx} title={w.title}>
      <NoticeLine ctx={ctx} notice={props.notice} />
      {props.mustEnrol && <p>{say(ctx, w.mustEnrol)}</p>}
      {state === 'enrolled' ? (
        <p>{say(ctx, w.already)}</p>
      ) : state === 'not-started' ? (
        <form method="post" action={withLang('/console/totp/start', ctx.lang)}>
          <p>{say(ctx, w.intro)}</p>
          <CsrfField ctx={ctx} />
          <button type="submit">{say(ctx, w.start)}</button>
        </form>
      ) : (
        <>
          <p>{say(ctx, w.scan)}</p>
          {/* The QR code is the qrcode package's SVG of the otpauth URI: markup we generate, not input. */}
          <div class="qr" role="img" aria-label={say(ctx, w.qr)} dangerouslySetInnerHTML={{ __html: state.svg }} />
          <p>
            {say(ctx, `${w.secret}:`)} <code>{state.secret}</code>
          </p>
          <form method="post" action={withLang('/console/totp/confirm', ctx.lang)}>
            <CsrfField ctx={ctx} />
            <div class="field">
              <label for="code">{say(ctx, w.code)}</label>
              <OneTimeCodeInput id="code" maxLength={6} digits={6} required />
            </div>
            <button type="submit">{say(ctx, w.confirm)}</button>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
