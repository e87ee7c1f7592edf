// Notice section on cookies: one part per banner category, with lifetimes and whether consent is asked (K4.5, K8.2).
import { COOKIE_CATEGORIES } from '../../policy/index.js';
import type { RenderContext } from '../context.js';
import { code, paragraph, section, type Phrase, type Section } from '../document/tree.js';
import { durationInWords } from '../words.js';

/** Absent when the manifest has no `consent.cookies`; consent and the banner are mentioned only with `consent.banner: true`. */
export function cookiesSection(ctx: RenderContext): Section | undefined {
  const m = ctx.t.notice.cookies;
  if (!ctx.model.consent.cookiesDeclared) return undefined;
  const banner = ctx.model.consent.banner;
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
        cat === 'strictly-necessary' ? paragraph(m.noConsent) : banner ? paragraph(m.consentNeeded) : undefined,
        rows.length === 0 ? undefined : { kind: 'table', head: m.head, rows, rowHeaders: true },
      ]),
    ];
  });
  return section(
    'cookies',
    m.heading,
    parts.length === 0 ? [paragraph(m.none)] : [paragraph(banner ? `${m.intro} ${m.banner}` : m.intro), ...parts],
  );
}
