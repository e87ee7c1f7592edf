// How consent is asked and recorded (consent purposes, cookies) and how people exercise their rights.
import type * as M from '../model.js';
import type { ManifestData } from '../schema/index.js';
import { optionalText, toText } from '../text.js';
import { duration, freezeMap } from './values.js';

export function buildConsent(data: ManifestData): M.ConsentModel {
  return Object.freeze({
    purposes: freezeMap(
      Object.entries(data.consent?.purposes ?? {}).map(([id, c]) => [
        id,
        Object.freeze({
          id,
          name: toText(c.name),
          description: toText(c.description),
          expires: c.expires === undefined ? undefined : duration(c.expires),
          expiresText: c.expires,
        }),
      ]),
    ),
    cookies: freezeMap(
      Object.entries(data.consent?.cookies ?? {}).map(([cat, settings]) => [
        cat as keyof NonNullable<NonNullable<ManifestData['consent']>['cookies']>,
        {
          description: toText(settings.description),
          basis: settings.basis ?? 'consent',
          optOut: optionalText(settings.optOut),
          cookies: settings.cookies.map((c) => ({
            ...c,
            provider: optionalText(c.provider),
            lifetime: c.lifetime === undefined ? undefined : duration(c.lifetime),
            lifetimeText: c.lifetime,
            description: optionalText(c.description),
          })),
        } satisfies M.CookieCategoryModel,
      ]),
    ),
    cookiesDeclared: data.consent?.cookies !== undefined,
    cookiePolicy: data.consent?.cookiePolicy,
    thirdPartyCookies: data.consent?.thirdPartyCookies,
    banner: data.consent?.banner ?? false,
  });
}

export function buildRights(data: ManifestData): M.RightsModel {
  return Object.freeze({
    channels: data.rights?.channels ?? {},
    verification: optionalText(data.rights?.verification),
    postMortem: postMortem(data.rights?.postMortem),
    notifyRecipients: data.rights?.notifyRecipients ?? false,
    identityProofRetention: data.rights?.identityProofRetention,
    fees: optionalText(data.rights?.fees),
    otherAuthorities: data.rights?.otherAuthorities ?? false,
  });
}

type PostMortemSetting = NonNullable<ManifestData['rights']>['postMortem'];

/** `postMortem: destroy` is short for `postMortem: { default: destroy }`; unstated, nothing is said. */
function postMortem(setting: PostMortemSetting): M.RightsModel['postMortem'] {
  if (setting === undefined) return undefined;
  if (typeof setting === 'string') return { default: setting };
  return { default: setting.default, description: optionalText(setting.description) };
}
