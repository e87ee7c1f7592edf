// What Nimbus Cloud sells and to whom: countries, products, and the small word lists of its records. Fixed lists, no faker.

/** Name pools by language of the country (see pools.ts). */
export const NAME_LOCALES = ['fr', 'en', 'de', 'es', 'it', 'nl'] as const;
export type NameLocale = (typeof NAME_LOCALES)[number];

export interface Country {
  readonly code: string;
  readonly weight: number;
  readonly names: NameLocale;
  readonly language: 'en' | 'fr';
  /** E.164 prefix and digits that follow it for a mobile number. */
  readonly mobile: readonly [prefix: string, digits: number];
  readonly landline: readonly [prefix: string, digits: number];
  /** `9` a digit, `A` a capital letter. */
  readonly postcode: string;
  readonly jurisdiction: 'gdpr' | 'quebec' | 'pipeda';
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'FR',
    weight: 58,
    names: 'fr',
    language: 'fr',
    mobile: ['+336', 8],
    landline: ['+333', 8],
    postcode: '99999',
    jurisdiction: 'gdpr',
  },
  {
    code: 'CA',
    weight: 11,
    names: 'fr',
    language: 'fr',
    mobile: ['+1514', 7],
    landline: ['+1418', 7],
    postcode: 'A9A 9A9',
    jurisdiction: 'quebec',
  },
  {
    code: 'CA',
    weight: 8,
    names: 'en',
    language: 'en',
    mobile: ['+1416', 7],
    landline: ['+1604', 7],
    postcode: 'A9A 9A9',
    jurisdiction: 'pipeda',
  },
  {
    code: 'BE',
    weight: 5,
    names: 'fr',
    language: 'fr',
    mobile: ['+324', 8],
    landline: ['+322', 7],
    postcode: '9999',
    jurisdiction: 'gdpr',
  },
  {
    code: 'DE',
    weight: 5,
    names: 'de',
    language: 'en',
    mobile: ['+4915', 9],
    landline: ['+4930', 8],
    postcode: '99999',
    jurisdiction: 'gdpr',
  },
  {
    code: 'CH',
    weight: 3,
    names: 'fr',
    language: 'fr',
    mobile: ['+4179', 7],
    landline: ['+4122', 7],
    postcode: '9999',
    jurisdiction: 'gdpr',
  },
  {
    code: 'ES',
    weight: 3,
    names: 'es',
    language: 'en',
    mobile: ['+346', 8],
    landline: ['+349', 8],
    postcode: '99999',
    jurisdiction: 'gdpr',
  },
  {
    code: 'IT',
    weight: 3,
    names: 'it',
    language: 'en',
    mobile: ['+393', 9],
    landline: ['+390', 9],
    postcode: '99999',
    jurisdiction: 'gdpr',
  },
  {
    code: 'NL',
    weight: 2,
    names: 'nl',
    language: 'en',
    mobile: ['+316', 8],
    landline: ['+3120', 7],
    postcode: '9999 AA',
    jurisdiction: 'gdpr',
  },
  {
    code: 'LU',
    weight: 2,
    names: 'fr',
    language: 'fr',
    mobile: ['+3526', 8],
    landline: ['+3522', 6],
    postcode: 'L-9999',
    jurisdiction: 'gdpr',
  },
];

export interface Product {
  readonly name: string;
  readonly kind: 'vps' | 'dedicated' | 'web' | 'storage' | 'cloud' | 'domain' | 'email' | 'database';
  /** Monthly price in cents. */
  readonly monthly: number;
}

export const PRODUCTS: readonly Product[] = [
  { name: 'VPS Starter', kind: 'vps', monthly: 450 },
  { name: 'VPS Essential', kind: 'vps', monthly: 990 },
  { name: 'VPS Pro', kind: 'vps', monthly: 1990 },
  { name: 'Dedicated Rise-1', kind: 'dedicated', monthly: 6499 },
  { name: 'Dedicated Advance-2', kind: 'dedicated', monthly: 11999 },
  { name: 'Web Hosting Perso', kind: 'web', monthly: 299 },
  { name: 'Web Hosting Pro', kind: 'web', monthly: 799 },
  { name: 'Object Storage 1 TB', kind: 'storage', monthly: 999 },
  { name: 'Backup Storage 500 GB', kind: 'storage', monthly: 599 },
  { name: 'Public Cloud b2-7', kind: 'cloud', monthly: 2750 },
  { name: 'Managed Kubernetes', kind: 'cloud', monthly: 4900 },
  { name: 'Domain name', kind: 'domain', monthly: 120 },
  { name: 'Email Pro', kind: 'email', monthly: 199 },
  { name: 'Managed PostgreSQL', kind: 'database', monthly: 2900 },
];

export const TOKEN_LABELS = [
  'terraform',
  'ci-deploy',
  'backup-script',
  'monitoring',
  'ansible',
  'grafana',
  'k8s-autoscaler',
  'billing-export',
];
export const KYC_METHODS = ['identity-document', 'proof-of-address', 'business-registration', '3ds'] as const;
export const TICKET_CHANNELS = ['web', 'email', 'chat', 'phone'] as const;
export const MARKETING_TOPICS = ['product-news', 'offers', 'events', 'product-news,offers', 'product-news,events', 'offers,events'];
export const MARKETING_SOURCES = ['website-form', 'checkout', 'webinar', 'trade-show', 'white-paper'];
export const CONSENT_NOTICES = ['2024-03', '2025-01', '2025-09', '2026-06'];
export const JOB_POSITIONS = [
  'Site Reliability Engineer',
  'Network Engineer',
  'Support Engineer (French/English)',
  'Data Centre Technician',
  'Backend Developer (Go)',
  'Security Analyst',
  'Account Manager',
  'Product Designer',
  'Billing Specialist',
  'Kubernetes Platform Engineer',
];
export const OFFICES = ['Strasbourg', 'Montréal'] as const;
