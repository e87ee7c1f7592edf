// Notice section on cookies: one part per banner category, with what each is set on and the cookies the policy names (K4.5, K8.2).
import { COOKIE_CATEGORIES, type CookieCategory, type CookieCategoryModel, type CookieModel } from '../../policy/index.js';
import type { RenderContext } from '../context.js';
import { code, link, paragraph, section, traced, type Block, type Phrase, type Section, type SourcePath } from '../document/tree.js';
import { durationInWords } from '../words.js';

type Column = 'name' | 'provider' | 'lifetime' | 'thirdParty' | 'purpose';
const COLUMNS: readonly Column[] = ['name', 'provider', 'lifetime', 'thirdParty', 'purpose'];

/** A cell, or undefined when the manifest states nothing for it (printed "—", or its column dropped when all are empty). */
function cell(ctx: RenderContext, c: CookieModel, column: Column): Phrase | undefined {
  switch (column) {
    case 'name':
      return c.name === undefined ? undefined : [code(c.name)];
    case 'provider':
      return c.provider === undefined ? undefined : [ctx.text(c.provider)];
    case 'lifetime':
      // Never a lifetime the policy does not state.
      return c.lifetime === undefined ? undefined : [durationInWords(c.lifetime, ctx.lang)];
    case 'thirdParty':
      return [c.thirdParty ? ctx.t.yes : ctx.t.no];
    case 'purpose':
      return c.description === undefined ? undefined : [ctx.text(c.description)];
    default:
      return column satisfies never;
  }
}

/** The cookies of a category as a table, without the columns no cookie fills. */
function cookieTable(ctx: RenderContext, cookies: readonly CookieModel[], at: SourcePath): Block | undefined {
  if (cookies.length === 0) return undefined;
  const head = ctx.t.notice.cookies.head;
  const kept = COLUMNS.map((column, i) => ({ column, i })).filter(({ column }) => cookies.some((c) => cell(ctx, c, column) !== undefined));
  return {
    kind: 'table',
    head: kept.map(({ i }) => head[i] ?? ''),
    rows: cookies.map((c) => kept.map(({ column }) => cell(ctx, c, column) ?? ['—'])),
    rowHeaders: kept[0]?.column === 'name',
    rowSources: cookies.map((_, i) => [[...at, 'cookies', i]]),
  };
}

/** What the category's cookies are set on: nothing needs consent, consent (said only with a banner), or legitimate interest. */
function basisParagraph(ctx: RenderContext, cat: CookieCategory, settings: CookieCategoryModel): Block | undefined {
  const m = ctx.t.notice.cookies;
  const at = ['consent', 'cookies', cat];
  if (cat === 'strictly-necessary') return traced([at], paragraph(m.noConsent));
  switch (settings.basis) {
    case 'legitimate-interest':
      return traced(
        [
          [...at, 'basis'],
          [...at, 'optOut'],
        ],
        paragraph(m.legitimateInterest(settings.optOut === undefined ? undefined : ctx.text(settings.optOut))),
      );
    case 'consent':
      return ctx.model.consent.banner ? traced([at, ['consent', 'banner']], paragraph(m.consentNeeded)) : undefined;
    default:
      return settings.basis satisfies never;
  }
}

/**
 * Absent when the manifest has neither `consent.cookies` nor `consent.cookiePolicy`; consent and the banner are mentioned
 * only with `consent.banner: true`, third-party cookies only with `consent.thirdPartyCookies: false`.
 */
export function cookiesSection(ctx: RenderContext): Section | undefined {
  const m = ctx.t.notice.cookies;
  const consent = ctx.model.consent;
  if (!consent.cookiesDeclared && consent.cookiePolicy === undefined) return undefined;
  const parts = COOKIE_CATEGORIES.flatMap((cat) => {
    const settings = consent.cookies.get(cat);
    if (!settings) return [];
    const at = ['consent', 'cookies', cat];
    return [
      section(
        `cookies-${cat}`,
        ctx.t.vocab.cookieCategory[cat],
        [
          traced([[...at, 'description']], paragraph(ctx.text(settings.description))),
          basisParagraph(ctx, cat, settings),
          cookieTable(ctx, settings.cookies, at),
        ],
        [at],
      ),
    ];
  });
  const policy = consent.cookiePolicy === undefined ? undefined : link(consent.cookiePolicy, consent.cookiePolicy);
  // Only a link: the policy says which cookies. An empty `cookies: {}` still says there are none, link or not.
  const linkOnly = !consent.cookiesDeclared && policy !== undefined;
  const opening = linkOnly
    ? traced([['consent', 'cookiePolicy']], paragraph(`${m.policyOnly} `, policy))
    : traced(
        [['consent', 'cookies'], ...(consent.banner && parts.length > 0 ? [['consent', 'banner']] : [])],
        paragraph(parts.length === 0 ? m.none : consent.banner ? `${m.intro} ${m.banner}` : m.intro),
      );
  return section(
    'cookies',
    m.heading,
    [
      opening,
      consent.thirdPartyCookies === false ? traced([['consent', 'thirdPartyCookies']], paragraph(m.noThirdParty)) : undefined,
      !linkOnly && policy !== undefined ? traced([['consent', 'cookiePolicy']], paragraph(`${m.policy} `, policy)) : undefined,
      ...parts,
    ],
    [
      ['consent', 'cookies'],
      ['consent', 'cookiePolicy'],
    ],
  );
}
