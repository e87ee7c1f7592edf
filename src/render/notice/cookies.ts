// Notice section on cookies: one part per banner category, with lifetimes and whether consent is asked (K4.5, K8.2).
import { COOKIE_CATEGORIES } from '../../policy/index.js';
import type { RenderContext } from '../context.js';
import { code, paragraph, section, type Phrase, type Section } from '../document/tree.js';
import { durationInWords } from '../words.js';

export function cookiesSection(ctx: RenderContext): Section {
  const m = ctx.t.notice.cookies;
  const parts = COOKIE_CATEGORIES.flatMap((cat) => {
    const settings = ctx.model.consent.cookies.get(cat);
    if (!settings) return [];
    const rows = settings.cookies.map((c): Phrase[] => [
      [code(c.name)],
      [c.provider],
      [durationInWords(c.lifetime, ctx.lang)],
      [c.thirdParty ? ctx.t.yes : ctx.t.no],
      [ctx.text(c.description) || '—'],
    ]);
    return [
      section(`cookies-${cat}`, ctx.t.vocab.cookieCategory[cat], [
        paragraph(ctx.text(settings.description)),
        paragraph(cat === 'strictly-necessary' ? m.noConsent : m.consentNeeded),
        rows.length === 0 ? undefined : { kind: 'table', head: m.head, rows, rowHeaders: true },
      ]),
    ];
  });
  return section('cookies', m.heading, parts.length === 0 ? [paragraph(m.none)] : [paragraph(m.intro), ...parts]);
}
