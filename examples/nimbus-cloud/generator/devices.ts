// What reaches Nimbus Cloud's sites and API: browsers and devices that go together, API clients, pages, API calls.

/** Browser, OS, device and screens that go together, with the User-Agent they send. */
export interface DeviceProfile {
  readonly userAgent: string;
  readonly browser: string;
  readonly os: string;
  readonly device: 'desktop' | 'mobile' | 'tablet';
  readonly screens: readonly string[];
}

const DESKTOP = ['1920x1080', '2560x1440', '1366x768', '1536x864', '1440x900', '3840x2160'];
export const DEVICES: readonly DeviceProfile[] = [
  {
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
    browser: 'Chrome 130',
    os: 'Windows 11',
    device: 'desktop',
    screens: DESKTOP,
  },
  {
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0',
    browser: 'Firefox 131',
    os: 'Windows 10',
    device: 'desktop',
    screens: DESKTOP,
  },
  {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
    browser: 'Firefox 132',
    os: 'Linux',
    device: 'desktop',
    screens: DESKTOP,
  },
  {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
    browser: 'Chrome 129',
    os: 'Linux',
    device: 'desktop',
    screens: DESKTOP,
  },
  {
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
    browser: 'Safari 17.6',
    os: 'macOS 14',
    device: 'desktop',
    screens: ['1440x900', '1512x982', '1728x1117', '2560x1440'],
  },
  {
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
    browser: 'Chrome 130',
    os: 'macOS 15',
    device: 'desktop',
    screens: ['1440x900', '1512x982', '1728x1117'],
  },
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
    browser: 'Edge 130',
    os: 'Windows 11',
    device: 'desktop',
    screens: DESKTOP,
  },
  {
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    browser: 'Safari 18.1',
    os: 'iOS 18',
    device: 'mobile',
    screens: ['390x844', '393x852', '430x932'],
  },
  {
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
    browser: 'Chrome 130',
    os: 'Android 14',
    device: 'mobile',
    screens: ['412x915', '384x854'],
  },
  {
    userAgent: 'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36',
    browser: 'Chrome 129',
    os: 'Android 13',
    device: 'mobile',
    screens: ['360x780', '412x915'],
  },
  {
    userAgent:
      'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
    browser: 'Safari 17.6',
    os: 'iPadOS 17',
    device: 'tablet',
    screens: ['820x1180', '1024x1366'],
  },
];

/** Clients of the API that sign in with tokens rather than browsers. */
export const API_AGENTS = [
  'terraform-provider-nimbus/2.4.1',
  'nimbus-cli/1.9.0',
  'curl/8.5.0',
  'python-requests/2.32.3',
  'Go-http-client/2.0',
  'ansible-nimbus/0.8.2',
];

export const ANALYTICS_PAGES = [
  '/',
  '/fr/',
  '/en/',
  '/fr/vps',
  '/en/vps',
  '/fr/serveurs-dedies',
  '/en/dedicated-servers',
  '/fr/hebergement-web',
  '/en/web-hosting',
  '/fr/stockage-objet',
  '/en/object-storage',
  '/fr/tarifs',
  '/en/pricing',
  '/fr/domaines',
  '/en/domains',
  '/docs/api',
  '/docs/kubernetes',
  '/fr/support',
  '/en/support',
  '/fr/blog/sauvegardes-3-2-1',
  '/en/blog/ipv6-everywhere',
  '/status',
  '/fr/contact',
  '/en/contact',
];
export const ANALYTICS_ACTIONS: readonly (readonly [string, number])[] = [
  ['pageview', 80],
  ['click', 12],
  ['signup', 2],
  ['download', 3],
  ['search', 3],
];

/** Log lines of the customer API: method, path, status. */
export const API_CALLS: readonly (readonly [string, string, number])[] = [
  ['GET', '/v1/services', 200],
  ['GET', '/v1/invoices', 200],
  ['POST', '/v1/services/{id}/reboot', 202],
  ['GET', '/v1/me', 200],
  ['PUT', '/v1/dns/zones/{id}/records', 200],
  ['POST', '/v1/snapshots', 201],
  ['DELETE', '/v1/snapshots/{id}', 204],
  ['GET', '/v1/services/{id}/metrics', 200],
  ['POST', '/v1/auth/token', 401],
  ['GET', '/v1/orders/{id}', 404],
  ['POST', '/v1/orders', 500],
];
