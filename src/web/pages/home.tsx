// The privacy center's home: the person's rights where they live, how long the provider has to answer, the documents.
import { localize, type Jurisdiction } from '../../policy/index.js';
import { durationInWords, messagesFor } from '../../render/index.js';
import { Layout, say, withLang, type PageContext } from '../layout.js';

export interface HomeProps {
  readonly ctx: PageContext;
  readonly jurisdiction: Jurisdiction;
}

export function HomePage({ ctx, jurisdiction }: HomeProps) {
  const { t, model, lang } = ctx;
  const rightWords = messagesFor(lang).vocab.right;
  const place = localize(jurisdiction.name, lang);
  const cookies = model.consent.cookiePolicy ?? withLang('/privacy/notice#cookies', lang);
  return (
    <Layout ctx={ctx} title={t.home.title}>
      <p class="lead">{say(ctx, t.home.intro(model.organization.name))}</p>
      {model.jurisdictions.length > 1 && (
        <form method="get" action="/privacy">
          <input type="hidden" name="lang" value={lang} />
          <div class="field">
            <label for="jurisdiction">{say(ctx, t.home.jurisdiction)}</label>
            <select id="jurisdiction" name="jurisdiction">
              {model.jurisdictions.map((j) => (
                <option key={j.id} value={j.id} selected={j.id === jurisdiction.id}>
                  {localize(j.name, lang)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            {say(ctx, t.home.show)}
          </button>
        </form>
      )}
      <section aria-labelledby="rights">
        <h2 id="rights">{say(ctx, t.home.rightsHeading(place))}</h2>
        <p>{say(ctx, t.home.deadline(durationInWords(jurisdiction.deadline, lang)))}</p>
        <p>
          {say(
            ctx,
            jurisdiction.extension === undefined ? t.home.noExtension : t.home.extension(durationInWords(jurisdiction.extension, lang)),
          )}
        </p>
        <dl>
          {jurisdiction.rights.map((right) => (
            <div key={right}>
              <dt>{say(ctx, rightWords[right].title)}</dt>
              <dd>{say(ctx, rightWords[right].text)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="ask">
        <h2 id="ask">{say(ctx, t.home.ask)}</h2>
        <p>
          <a href={withLang(`/privacy/request?jurisdiction=${encodeURIComponent(jurisdiction.id)}`, lang)}>{say(ctx, t.home.askLink)}</a>
        </p>
        <p>{say(ctx, t.home.follow)}</p>
      </section>
      <section aria-labelledby="documents">
        <h2 id="documents">{say(ctx, t.home.documents)}</h2>
        <ul>
          <li>
            <a href={withLang('/privacy/notice', lang)}>{say(ctx, t.home.notice)}</a>
          </li>
          {model.consent.banner && (
            <li>
              <a href={cookies}>{say(ctx, t.home.cookies)}</a>
            </li>
          )}
        </ul>
      </section>
    </Layout>
  );
}
