// Resolves the renderers' public options once: allowed values are `as const` lists checked at run time too.
import { CustosError } from '../errors.js';
import { LANGUAGES, type Language, type PolicyModel } from '../policy/index.js';

export const NOTICE_FORMATS = ['md', 'html'] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];

export const ROPA_FORMATS = ['csv', 'json', 'html'] as const;
export type RopaFormat = (typeof ROPA_FORMATS)[number];

/** Checks a value against an allowed list, so callers from plain JavaScript or a CLI get a clear error. */
export function pick<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CustosError({
    code: 'invalid-input',
    message: `${name} must be one of ${allowed.join(', ')} (got "${value}")`,
    details: { option: name, allowed },
  });
}

/** The language to render in: the one asked for, else the manifest's first language. */
export function pickLanguage(model: PolicyModel, lang: string | undefined): Language {
  return pick('lang', lang, LANGUAGES, model.languages[0] ?? 'en');
}
