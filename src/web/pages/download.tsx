// The download page of an access or portability package: says the link works once and until when, then hands it over.
import type { DownloadState } from '../../desk/index.js';
import { dateInWords } from '../../render/index.js';
import { Layout, say, type PageContext } from '../layout.js';

export function DownloadPage({ ctx, state, action }: { ctx: PageContext; state: DownloadState; action: string }) {
  const { t, lang } = ctx;
  if (state.state === 'gone')
    return (
      <Layout ctx={ctx} title={t.download.goneTitle}>
        <p>{say(ctx, t.download.gone)}</p>
      </Layout>
    );
  return (
    <Layout ctx={ctx} title={t.download.title}>
      <p>
        <strong>{say(ctx, t.download.once(dateInWords(state.expiresAt, lang)))}</strong>
      </p>
      <p>{say(ctx, state.mediaType === 'application/json' ? t.download.json : t.download.zip)}</p>
      <form method="post" action={action}>
        <button type="submit">{say(ctx, t.download.button)}</button>
      </form>
    </Layout>
  );
}

/** A page that only says something: a refused link, a missing page. */
export function MessagePage({ ctx, title, text }: { ctx: PageContext; title: string; text: string }) {
  return (
    <Layout ctx={ctx} title={title}>
      <p>{say(ctx, text)}</p>
    </Layout>
  );
}
