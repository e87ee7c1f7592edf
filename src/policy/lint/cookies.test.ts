// Lint of the cookies a notice states: a third-party cookie after "no third-party cookies" (CUS080), legitimate interest
// without a way to object (CUS081), at the line of the cookie or category.
import { describe, expect, it } from 'vitest';
import { BILINGUAL_PROVIDER, lineOf, lintYaml } from '../../../test/real-policy.js';

const COOKIES = `consent:
  thirdPartyCookies: false
  cookies:
    analytics:
      description: Count visits.
      cookies:
        - { name: _own, lifetime: P30D }
        - { name: _ext, provider: Ads Co, thirdParty: true }
`;

describe('CUS080: a third-party cookie where the notice says there are none', () => {
  it('is an error at the cookie', () => {
    const yaml = BILINGUAL_PROVIDER + COOKIES;
    expect(lintYaml(yaml)).toEqual([`CUS080 privacy.yaml:${lineOf(yaml, '_ext')}`]);
  });

  it('is not reported without thirdPartyCookies: false, nor for first-party cookies', () => {
    expect(lintYaml(BILINGUAL_PROVIDER + COOKIES.replace('  thirdPartyCookies: false\n', ''))).toEqual([]);
    expect(lintYaml(BILINGUAL_PROVIDER + COOKIES.replace(', thirdParty: true', ''))).toEqual([]);
  });
});

describe('CUS081: cookies set on legitimate interest', () => {
  const LI = `consent:
  cookies:
    analytics:
      description: Count visits.
      basis: legitimate-interest
`;

  it('needs a way to object, reported at the basis', () => {
    const yaml = BILINGUAL_PROVIDER + LI;
    expect(lintYaml(yaml)).toEqual([`CUS081 privacy.yaml:${lineOf(yaml, 'basis:')}`]);
  });

  it('is clean with optOut, and a consent category needs none', () => {
    expect(lintYaml(`${BILINGUAL_PROVIDER}${LI}      optOut: Untick "Statistics" in your settings.\n`)).toEqual([]);
    expect(lintYaml(BILINGUAL_PROVIDER + LI.replace('legitimate-interest', 'consent'))).toEqual([]);
  });

  it('refuses a basis that is not consent or legitimate-interest', () => {
    const yaml = BILINGUAL_PROVIDER + LI.replace('legitimate-interest', 'contract');
    expect(lintYaml(yaml)).toEqual([`CUS002 privacy.yaml:${lineOf(yaml, 'basis:')}`]);
  });
});
