// One Nimbus customer's life, drawn from (seed, id) alone: who they are, what they run, whether they may close their account.
import { COUNTRIES, PRODUCTS, type Country, type Product } from './catalog.js';
import { DEVICES, type DeviceProfile } from './devices.js';
import { ip, phoneNumber, postcode } from './formats.js';
import { DEFAULT_SEED, NIMBUS_NOW } from './options.js';
import { poolsFor, type Word } from './pools.js';
import { Rng, STREAMS, seedNumber } from './random.js';

export const DAY = 86_400_000;
const PERSONAL_DOMAINS = ['courriel.example', 'webmail.example', 'inbox.example', 'maboite.example', 'post.example', 'netmail.example'];
const COUNTRY_WEIGHTS = COUNTRIES.map((c) => [c, c.weight] as const);

/** `blocked`: open with an active service, an unpaid invoice or an order in progress (K6.1); `free`: open, may close; `closed`. */
export type ClosureState = 'blocked' | 'free' | 'closed';
export type ServiceStatus = 'active' | 'suspended' | 'terminated';

export interface ServicePlan {
  readonly product: Product;
  readonly region: 'fr-sbg' | 'ca-mtl';
  readonly hostname: string;
  readonly status: ServiceStatus;
  readonly startedAt: number;
  readonly endedAt: number | null;
}

export interface CustomerProfile {
  readonly id: number;
  readonly country: Country;
  readonly first: Word;
  readonly last: Word;
  readonly name: string;
  readonly company: Word | null;
  /** Lower-case and unique: the id is part of it. */
  readonly email: string;
  readonly handle: string;
  readonly backupEmail: string | null;
  readonly phone: string | null;
  readonly mobile: string | null;
  readonly address: string;
  readonly domain: string;
  readonly createdAt: number;
  readonly lastLoginAt: number | null;
  readonly closedAt: number | null;
  readonly closure: ClosureState;
  /** Why a `blocked` customer may not close (at least one is true for them, none for the others). */
  readonly blockers: { readonly activeService: boolean; readonly unpaidInvoice: boolean; readonly orderInProgress: boolean };
  readonly mfa: boolean;
  readonly restricted: boolean;
  readonly ips: readonly string[];
  readonly devices: readonly DeviceProfile[];
  readonly visitorIds: readonly string[];
  readonly services: readonly ServicePlan[];
}

export interface ProfileContext {
  readonly seed: number;
  /** The generation's "now", in ms. */
  readonly now: number;
}

/** The customer with this id (1…N) under this seed (as 32 bits) and clock. */
export function customerProfile(id: number, context: ProfileContext): CustomerProfile {
  const { now } = context;
  const rng = new Rng(context.seed, STREAMS.identity, id);
  const country = rng.weighted(COUNTRY_WEIGHTS);
  const pools = poolsFor(context.seed);
  const names = pools.names[country.names];
  const first = rng.pick(names.firstNames);
  const last = rng.pick(names.lastNames);
  const company = rng.chance(0.35) ? rng.pick(pools.companies) : null;
  const personal = rng.pick(PERSONAL_DOMAINS);
  const domain = `${company ? company.slug : `${last.slug}${first.slug.slice(0, 1)}`}.example`;
  const email = `${first.slug}.${last.slug}${id}@${company && rng.chance(0.6) ? domain : personal}`;
  const city = rng.pick(names.cities);
  const address = `${rng.between(1, 180)} ${rng.pick(names.streets)}, ${postcode(rng, country.postcode)} ${city}`;
  const phone = rng.chance(0.85) ? phoneNumber(rng, company && rng.chance(0.6) ? country.landline : country.mobile) : null;
  const mobile = rng.chance(0.72) ? phoneNumber(rng, country.mobile) : null;
  const backupEmail = rng.chance(0.55) ? `${last.slug}.${first.slug}${id}@${rng.pick(PERSONAL_DOMAINS)}` : null;

  // More recent customers than old ones: the business grows.
  const createdAt = now - Math.floor(Math.pow(rng.next(), 1.6) * 8 * 365 * DAY) - rng.int(DAY) - DAY;
  const age = now - createdAt;
  const closed = age > 60 * DAY && rng.chance(0.12);
  const closedAt = closed ? createdAt + 30 * DAY + Math.floor(rng.next() * (age - 31 * DAY)) : null;
  const closure: ClosureState = closed ? 'closed' : rng.chance(0.7) ? 'blocked' : 'free';
  let blockers = { activeService: false, unpaidInvoice: false, orderInProgress: false };
  if (closure === 'blocked') {
    blockers = { activeService: rng.chance(0.9), unpaidInvoice: rng.chance(0.12), orderInProgress: rng.chance(0.08) };
    if (!blockers.activeService && !blockers.unpaidInvoice && !blockers.orderInProgress) blockers.unpaidInvoice = true;
  }
  const end = closedAt ?? now;
  const lastLoginAt = rng.chance(closed ? 0.9 : 0.96)
    ? end - Math.floor(Math.pow(rng.next(), 3) * Math.min(end - createdAt, 365 * DAY))
    : null;

  const ips = Array.from({ length: rng.between(1, 3) }, () => ip(rng));
  const devices = Array.from({ length: rng.between(1, 2) }, () => rng.pick(DEVICES));
  const visitorIds = Array.from({ length: rng.between(1, 2) }, () => rng.hex(20));
  const region = (): ServicePlan['region'] =>
    country.code === 'CA' ? (rng.chance(0.7) ? 'ca-mtl' : 'fr-sbg') : rng.chance(0.95) ? 'fr-sbg' : 'ca-mtl';
  const services: ServicePlan[] = [];
  const serviceCount =
    closure === 'closed'
      ? rng.between(1, 3)
      : blockers.activeService
        ? rng.between(1, 3)
        : closure === 'free'
          ? rng.between(0, 3)
          : rng.between(0, 2);
  for (let i = 0; i < serviceCount; i++) {
    const product = rng.pick(PRODUCTS);
    const startedAt = createdAt + Math.floor(rng.next() * (end - createdAt) * 0.8);
    const running = blockers.activeService && (i === 0 || rng.chance(0.7));
    const status: ServiceStatus = running ? (rng.chance(blockers.unpaidInvoice ? 0.5 : 0.04) ? 'suspended' : 'active') : 'terminated';
    const where = region();
    const hostname = ['web', 'domain', 'email'].includes(product.kind)
      ? domain
      : `${product.kind}-${rng.hex(8)}.${where}.nimbus-cloud.example`;
    const endedAt = status === 'terminated' ? startedAt + Math.floor(rng.next() * (end - startedAt)) : null;
    services.push({ product, region: where, hostname, status, startedAt, endedAt });
  }
  return {
    id,
    country,
    first,
    last,
    name: `${first.text} ${last.text}`,
    company,
    email,
    handle: `${first.slug.slice(0, 1)}${last.slug.slice(0, 1)}${id}-nimbus`,
    backupEmail,
    phone,
    mobile,
    address,
    domain,
    createdAt,
    lastLoginAt,
    closedAt,
    closure,
    blockers,
    mfa: rng.chance(0.35),
    restricted: rng.chance(0.002),
    ips,
    devices,
    visitorIds,
    services,
  };
}

/**
 * Who customer `id` is in the data `generateNimbus` writes with this seed, without reading it: a benchmark picks
 * `nimbusCustomer(1 + random(N)).email` or a customer that may close its account (`closure === 'free'`).
 */
export function nimbusCustomer(id: number, options: { readonly seed?: number | string; readonly now?: Date } = {}): CustomerProfile {
  return customerProfile(id, { seed: seedNumber(options.seed ?? DEFAULT_SEED), now: (options.now ?? NIMBUS_NOW).getTime() });
}

/** The e-mail address of customer `id` (what a benchmark puts in a request); same options as nimbusCustomer. */
export function nimbusEmail(id: number, options: { readonly seed?: number | string; readonly now?: Date } = {}): string {
  return nimbusCustomer(id, options).email;
}
