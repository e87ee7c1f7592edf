// Rules on the cookies the notice states: no third-party cookie after saying there is none (CUS080), and a way to object
// to every category set on legitimate interest (CUS081).
import type { LintRule } from './context.js';

export const checkThirdPartyCookies: LintRule = (ctx) => {
  const consent = ctx.model.consent;
  if (consent.thirdPartyCookies !== false) return;
  for (const [cat, settings] of consent.cookies) {
    settings.cookies.forEach((c, i) => {
      if (!c.thirdParty) return;
      ctx.report(
        'CUS080',
        `the cookie ${c.name === undefined ? `#${i + 1}` : `"${c.name}"`} of ${cat} is declared third-party, but consent.thirdPartyCookies: false says the sites set none`,
        ['consent', 'cookies', cat, 'cookies', i, 'thirdParty'],
        'stop setting the cookie, or remove thirdPartyCookies: false',
      );
    });
  }
};

export const checkCookieObjection: LintRule = (ctx) => {
  for (const [cat, settings] of ctx.model.consent.cookies) {
    if (cat === 'strictly-necessary' || settings.basis !== 'legitimate-interest' || settings.optOut !== undefined) continue;
    ctx.report(
      'CUS081',
      `the ${cat} cookies are set on legitimate interest, but nothing says how to object to them`,
      ['consent', 'cookies', cat, 'basis'],
      'add optOut: how to object (a setting, a link, an address)',
    );
  }
};
