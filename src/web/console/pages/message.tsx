// A console page that only says something: the guard's refusals (403), an unknown address (404).
import { say, withLang, type PageContext } from '../../layout.js';
import { OpenConsoleLayout } from '../layout.js';

export function ConsoleMessagePage({ ctx, title, text }: { ctx: PageContext; title: string; text: string }) {
  return (
    <OpenConsoleLayout ctx={ctx} title={title}>
      <p>{say(ctx, text)}</p>
      <p>
        <a href={withLang('/console', ctx.lang)}>{say(ctx, ctx.t.console.guard.back)}</a>
      </p>
    </OpenConsoleLayout>
  );
}
