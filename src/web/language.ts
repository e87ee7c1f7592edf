// A page's language: `?lang=`, then the `lang` cookie, then Accept-Language, then the manifest's first language.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { baseLanguage, type Language, type PolicyModel } from '../policy/index.js';

export const LANG_COOKIE = 'lang';

/** What a request offers to choose from; each may be absent. */
export interface LanguageHints {
  readonly query?: string | undefined;
  readonly cookie?: string | undefined;
  readonly acceptLanguage?: string | undefined;
}

/** The manifest's language a tag names: exactly (case-insensitive), else by its base (`fr-BE` → `fr`). */
function match(model: PolicyModel, tag: string): Language | undefined {
  const wanted = tag.trim().toLowerCase();
  if (wanted === '') return undefined;
  const exact = model.languages.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split('-')[0];
  return model.languages.find((l) => l.toLowerCase() === base) ?? model.languages.find((l) => baseLanguage(l).toLowerCase() === base);
}

/** Accept-Language's tags, the most wanted first (`q=0` left out). */
function accepted(header: string): string[] {
  return header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q.slice(2)), i };
    })
    .filter((t) => t.tag !== '' && t.tag !== '*' && Number.isFinite(t.q) && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((t) => t.tag);
}

export function pageLanguage(model: PolicyModel, hints: LanguageHints): Language {
  for (const tag of [hints.query, hints.cookie]) {
    const found = tag === undefined ? undefined : match(model, tag);
    if (found) return found;
  }
  for (const tag of accepted(hints.acceptLanguage ?? '')) {
    const found = match(model, tag);
    if (found) return found;
  }
  return model.languages[0] ?? 'en';
}

/**
 * A request's page language and its own path without `lang` (for the language switch); a language chosen by `?lang=`
 * is remembered in the `lang` cookie (a year, `SameSite=Lax`, `HttpOnly`).
 */
export function requestLanguage(model: PolicyModel, request: FastifyRequest, reply: FastifyReply): { lang: Language; self: string } {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const asked = typeof query['lang'] === 'string' ? query['lang'] : undefined;
  const lang = pageLanguage(model, {
    query: asked,
    cookie: request.cookies?.[LANG_COOKIE],
    acceptLanguage: request.headers['accept-language'],
  });
  if (chosenLanguage(model, asked) !== undefined && request.cookies?.[LANG_COOKIE] !== lang)
    reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 31_536_000 });
  const url = new URL(request.url, 'http://x');
  url.searchParams.delete('lang');
  return { lang, self: `${url.pathname}${url.search}` };
}

/** Whether `?lang=` named one of the manifest's languages: then the page remembers it in the `lang` cookie. */
export const chosenLanguage = (model: PolicyModel, query: string | undefined): Language | undefined =>
  query === undefined ? undefined : match(model, query);
