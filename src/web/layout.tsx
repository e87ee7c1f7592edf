// The shared page frame: header with the provider's name and the language switch, the main landmark, the footer.
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { Language, PolicyModel } from '../policy/index.js';
import { typeset } from '../render/index.js';
import type { WebMessages } from './messages/index.js';

/** Each language's name in itself: the switch offers a language in its own words (and marks it with `lang`). */
const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', fr: 'Français', 'fr-CA': 'Français (Canada)' };

/** What every page knows: the model, the language it speaks, its words, and its own path for the language switch. */
export interface PageContext {
  readonly model: PolicyModel;
  readonly lang: Language;
  readonly t: WebMessages;
  /** The page's path and query without `lang` (`/privacy/request?kind=access`). */
  readonly self: string;
  /** Where the layout's home link points (`/privacy`). */
  readonly home: string;
}

/** `href` with `lang` set: every link between pages keeps the page's language. */
export function withLang(href: string, lang: Language): string {
  const [path, hash] = href.split('#') as [string, string | undefined];
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}${hash === undefined ? '' : `#${hash}`}`;
}

/** French typography on every string the pages print from the tables. */
export const say = (ctx: PageContext, text: string): string => typeset(text, ctx.lang);

/**
 * `brand` replaces the header's "provider · Privacy center" words (the console says "Staff console"); `header` is put
 * in the header before the language switch (the console's navigation and who is signed in).
 */
export function Layout(props: {
  ctx: PageContext;
  title: string;
  brand?: string;
  header?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const brand = props.brand ?? t.layout.privacyCenter;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${say(ctx, props.title)} · ${ctx.model.organization.name}`}</title>
        <link rel="stylesheet" href="/privacy/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {say(ctx, t.layout.skip)}
        </a>
        <header class="site">
          <a class="org" href={withLang(ctx.home, ctx.lang)}>
            {`${ctx.model.organization.name} · ${say(ctx, brand)}`}
          </a>
          {props.header}
          {ctx.model.languages.length > 1 && (
            <nav aria-label={say(ctx, t.layout.languages)}>
              <ul>
                {ctx.model.languages.map((l) => (
                  <li key={l}>
                    <a href={withLang(ctx.self, l)} lang={l} hreflang={l} aria-current={l === ctx.lang ? 'true' : undefined}>
                      {LANGUAGE_NAMES[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main">
          <h1>{say(ctx, props.title)}</h1>
          {props.children}
        </main>
        <footer>
          <p>
            <a href={withLang('/privacy/notice', ctx.lang)}>{say(ctx, t.layout.notice)}</a>
          </p>
          <p>{say(ctx, t.layout.footer(ctx.model.organization.name))}</p>
        </footer>
      </body>
    </html>
  );
}

/** A page as the answer's body: the doctype and the rendered tree. */
export const htmlPage = (tree: ComponentChildren): string => `<!doctype html>${render(<>{tree}</>)}`;

/** The field a one-time code is typed in (the person's verification code, an authenticator's): digits, filled by phones. */
export function OneTimeCodeInput(props: { id: string; maxLength: number; digits?: number; required?: boolean; describedBy?: string }) {
  return (
    <input
      type="text"
      id={props.id}
      name={props.id}
      inputmode="numeric"
      autocomplete="one-time-code"
      pattern={props.digits === undefined ? undefined : `[0-9]{${props.digits}}`}
      maxlength={props.maxLength}
      required={props.required}
      aria-describedby={props.describedBy}
    />
  );
}
