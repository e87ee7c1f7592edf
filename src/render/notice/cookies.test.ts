// The cookies section says what the provider's cookie policy says: a link to it, cookies without a stated name or lifetime,
// categories set on legitimate interest with a way to object, and no third-party cookies; nothing it does not say.
import { describe, expect, it } from 'vitest';
import { BILINGUAL_PROVIDER, noticeTexts } from '../../../test/real-policy.js';

/** The cookies section of a plain-text notice, links and code spans reduced to their text. */
const cookiesPart = (text: string, next = /## (Your rights|Vos droits)/) =>
  text
    .slice(text.search(/## (Cookies|Témoins)/), text.search(next))
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '');

const withConsent = (consent: string) => `${BILINGUAL_PROVIDER}consent:\n${consent}`;

describe('a link to the cookie policy', () => {
  const ONLY_LINK = withConsent('  cookiePolicy: https://little.example/cookies\n');

  it('makes a short cookies section that links to it, never "no cookies"', () => {
    const [md, html] = noticeTexts(ONLY_LINK, 'en');
    expect(cookiesPart(md)).toContain('Our cookie policy says which, why, and how to manage them: https://little.example/cookies');
    expect(html).toContain('Our cookie policy says which, why, and how to manage them: https://little.example/cookies');
    for (const text of [md, html]) expect(text).not.toContain('use no cookies');
    const [frMd, frHtml] = noticeTexts(ONLY_LINK, 'fr');
    expect(cookiesPart(frMd)).toContain(
      'Notre politique de cookies indique lesquels, pourquoi et comment les gérer : https://little.example/cookies',
    );
    for (const text of [frMd, frHtml]) expect(text).not.toContain('aucun cookie');
  });

  it('is given beside the categories the manifest states', () => {
    const yaml = withConsent(`  cookiePolicy: https://little.example/cookies
  cookies:
    strictly-necessary: { description: Keeps you signed in. }
`);
    const md = cookiesPart(noticeTexts(yaml, 'en')[0]);
    expect(md).toContain('Our cookie policy gives the details: https://little.example/cookies');
    expect(md).toContain('Our websites use the cookies below');
  });

  it('does not contradict an empty cookies map, which still says there are none', () => {
    const md = cookiesPart(noticeTexts(withConsent('  cookiePolicy: https://little.example/cookies\n  cookies: {}\n'), 'en')[0]);
    expect(md).toContain('Our websites use no cookies.');
    expect(md).toContain('Our cookie policy gives the details: https://little.example/cookies');
    expect(md).not.toContain('Our websites use cookies.');
  });

  it('is absent without cookiePolicy, and an empty cookies map still says there are none', () => {
    const [md] = noticeTexts(withConsent('  cookies: {}\n'), 'en');
    expect(md).toContain('Our websites use no cookies.');
    expect(md).not.toContain('cookie policy');
    expect(noticeTexts(BILINGUAL_PROVIDER, 'en')[0]).not.toContain('Cookies');
  });
});

describe('cookies the policy names without a name, provider or lifetime', () => {
  const yaml = withConsent(`  cookies:
    functional:
      description: { en: Remember your choices., fr: Retenir vos choix. }
      cookies:
        - { name: lang, description: { en: Your language., fr: Votre langue. } }
        - { name: theme, lifetime: P1Y, description: { en: Your theme., fr: Votre thème. } }
`);

  it('prints "—" for a lifetime one cookie lacks, drops the empty provider column, and invents no lifetime', () => {
    const md = cookiesPart(noticeTexts(yaml, 'en')[0]);
    expect(md).toContain('| Cookie | Lifetime | Third party | Purpose |');
    expect(md).toContain('| lang | — | No | Your language. |');
    expect(md).toContain('| theme | 1 year | No | Your theme. |');
    expect(md).not.toContain('Set by');
  });

  it('drops the lifetime column when no cookie states one', () => {
    const none = withConsent(`  cookies:
    functional:
      description: Remember your choices.
      cookies: [{ provider: { en: Little Cloud, fr: Petit Nuage }, description: Your language. }]
`);
    const md = cookiesPart(noticeTexts(none, 'fr')[0]);
    expect(md).toContain('| Déposé par | Tiers | Finalité |');
    expect(md).toContain('| Petit Nuage | Non | Your language. |');
    expect(md).not.toContain('Durée de vie');
    expect(md).not.toMatch(/\d+ (jour|mois|an)/);
  });
});

describe('a category set on legitimate interest', () => {
  const yaml = withConsent(`  banner: true
  cookies:
    analytics:
      description: { en: Count visits., fr: Compter les visites. }
      basis: legitimate-interest
      optOut: { en: untick "Statistics" in your account settings., fr: décochez « Statistiques » dans les paramètres de votre compte. }
    targeting:
      description: { en: Show relevant ads., fr: Afficher des publicités pertinentes. }
`);

  it('is stated as such, with how to object, and never as "only if you accept them"', () => {
    const [md] = noticeTexts(yaml, 'en');
    const analytics = md.slice(md.indexOf('Audience measurement cookies'), md.indexOf('Advertising and targeting cookies'));
    expect(analytics).toContain(
      'These cookies are set on the basis of our legitimate interest; you can object: untick "Statistics" in your account settings.',
    );
    expect(analytics).not.toContain('only if you accept');
    // The consent category beside it still asks for consent.
    expect(md.slice(md.indexOf('Advertising and targeting cookies'))).toContain('These cookies are set only if you accept them');
  });

  it('says the same in French', () => {
    const [md] = noticeTexts(yaml, 'fr');
    const analytics = md.slice(md.indexOf("Cookies de mesure d'audience"), md.indexOf('Cookies publicitaires'));
    expect(analytics).toContain(
      'Ces cookies sont déposés sur le fondement de notre intérêt légitime ; vous pouvez vous y opposer : décochez « Statistiques »',
    );
    expect(analytics).not.toContain('que si vous les acceptez');
    expect(md).not.toContain('untick');
  });

  it('uses Quebec terms in fr-CA', () => {
    const fr = yaml.replace('languages: [en, fr]', 'languages: [en, fr, fr-CA]');
    const [md] = noticeTexts(fr, 'fr-CA');
    expect(md).toContain('Ces témoins sont déposés sur le fondement de notre intérêt légitime');
  });
});

describe('no third-party cookies', () => {
  it('is said only when the manifest says thirdPartyCookies: false', () => {
    const yaml = withConsent('  thirdPartyCookies: false\n  cookies:\n    strictly-necessary: { description: Sign-in. }\n');
    expect(noticeTexts(yaml, 'en')[0]).toContain('Our websites set no third-party cookies.');
    expect(noticeTexts(yaml, 'fr')[0]).toContain('Nos sites ne déposent aucun cookie tiers.');
    const silent = withConsent('  cookies:\n    strictly-necessary: { description: Sign-in. }\n');
    expect(noticeTexts(silent, 'en')[0]).not.toContain('third-party cookies');
  });
});
