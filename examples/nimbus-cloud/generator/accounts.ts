// Rows of the accounts dataset for one customer: the account, its agents, services and security records; then billing, support and privacy desk.
import { KYC_METHODS, TOKEN_LABELS } from './catalog.js';
import { writeBilling } from './billing.js';
import { encrypted, passwordHash, phoneNumber, sha256 } from './formats.js';
import { customerProfile, DAY, type CustomerProfile } from './people.js';
import { writePrivacyDesk } from './privacy-desk.js';
import { Rng, STREAMS } from './random.js';
import type { GenerationContext } from './rows.js';
import { writeSupport } from './support.js';

const AGENT_ROLES: readonly (readonly [string, number])[] = [
  ['admin', 2],
  ['technical', 5],
  ['billing', 3],
];
const KYC_OUTCOMES: readonly (readonly [string, number])[] = [
  ['passed', 90],
  ['manual-review', 7],
  ['failed', 3],
];

export interface AgentRef {
  readonly email: string;
  readonly name: string;
}

/** Writes every accounts row of customer `p`. */
export function writeAccounts(p: CustomerProfile, ctx: GenerationContext): void {
  const rng = new Rng(ctx.seed, STREAMS.accounts, p.id);
  const { out, now } = ctx;
  out.write('accounts.customers', {
    id: p.id,
    email: p.email,
    handle: p.handle,
    name: p.name,
    company: p.company?.text ?? null,
    phone: p.phone,
    backup_email: p.backupEmail,
    mobile_phone: p.mobile,
    address: p.address,
    country: p.country.code,
    language: p.country.language,
    created_at: p.createdAt,
    last_login_at: p.lastLoginAt,
    closed_at: p.closedAt,
    password_hash: passwordHash(rng),
    mfa_seed: p.mfa ? encrypted(rng, 20) : null,
    restricted: p.restricted,
  });
  const agents = writeAgents(p, rng, ctx);
  const serviceIds = p.services.map((s) => {
    const id = out.nextId('accounts.services');
    const machine = s.hostname.endsWith('.nimbus-cloud.example');
    out.write('accounts.services', {
      id,
      customer_id: p.id,
      product: s.product.name,
      region: s.region,
      hostname: s.hostname,
      machine_id: machine ? `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}` : null,
      status: s.status,
      billing_cycle: rng.chance(0.75) ? 'monthly' : 'yearly',
      renewal_mode: rng.chance(0.8) ? 'automatic' : 'manual',
      started_at: s.startedAt,
      ended_at: s.endedAt,
    });
    return id;
  });
  const billing = writeBilling(p, rng, ctx, serviceIds);
  if (p.closure !== 'closed' && p.services.length > 0 && rng.chance(0.45)) {
    for (let i = rng.between(1, 2); i > 0; i--) {
      // Most tokens are younger than their 91-day life; a few expired ones wait for the retention sweep.
      const age = now - p.createdAt;
      const createdAt =
        age > 91 * DAY && rng.chance(0.1)
          ? now - 91 * DAY - rng.int(Math.min(age - 91 * DAY, 200 * DAY))
          : now - rng.int(Math.min(age, 91 * DAY));
      out.write('accounts.api_tokens', {
        id: out.nextId('accounts.api_tokens'),
        customer_id: p.id,
        label: rng.pick(TOKEN_LABELS),
        token_hash: sha256(rng),
        created_at: createdAt,
        expires_at: createdAt + 91 * DAY,
        last_used_at: rng.chance(0.8) ? Math.min(now, createdAt + rng.int(91 * DAY)) : null,
      });
    }
  }
  if (rng.chance(p.company ? 0.6 : 0.2)) writeKyc(p, rng, ctx);
  writeSupport(p, rng, ctx, { agents, billing });
  writePrivacyDesk(p, rng, ctx);
}

function writeAgents(p: CustomerProfile, rng: Rng, ctx: GenerationContext): AgentRef[] {
  if (!p.company || !rng.chance(0.4)) return [];
  const agents: AgentRef[] = [];
  const names = ctx.pools.names[p.country.names];
  for (let i = rng.between(1, 3); i > 0; i--) {
    const id = ctx.out.nextId('accounts.agents');
    let agent: { email: string; name: string; phone: string | null };
    if (ctx.customers > 1 && rng.chance(0.15)) {
      // Some agents are customers in their own right: a request by their e-mail finds both.
      const other = customerProfile(1 + ((p.id + rng.int(ctx.customers - 1)) % ctx.customers), ctx);
      agent = { email: other.email, name: other.name, phone: other.mobile ?? other.phone };
    } else {
      const first = rng.pick(names.firstNames);
      const last = rng.pick(names.lastNames);
      const email = `${first.slug.slice(0, 1)}${last.slug}.${id}@${p.domain}`;
      agent = { email, name: `${first.text} ${last.text}`, phone: rng.chance(0.7) ? phoneNumber(rng, p.country.mobile) : null };
    }
    ctx.out.write('accounts.agents', {
      id,
      customer_id: p.id,
      email: agent.email,
      name: agent.name,
      phone: agent.phone,
      role: rng.weighted(AGENT_ROLES),
      password_hash: passwordHash(rng),
      created_at: p.createdAt + rng.int(Math.max(1, (p.closedAt ?? ctx.now) - p.createdAt)),
    });
    agents.push({ email: agent.email, name: agent.name });
  }
  return agents;
}

function businessRegistration(rng: Rng, country: string): string {
  switch (country) {
    case 'FR':
      return rng.digits(14);
    case 'CA':
      return `NEQ ${rng.digits(10)}`;
    case 'BE':
      return `BE0${rng.digits(9)}`;
    case 'DE':
      return `HRB ${rng.between(1000, 99999)}`;
    default:
      return rng.digits(9);
  }
}

function writeKyc(p: CustomerProfile, rng: Rng, ctx: GenerationContext): void {
  const method = p.company && rng.chance(0.5) ? 'business-registration' : rng.pick(KYC_METHODS);
  const outcome = rng.weighted(KYC_OUTCOMES);
  ctx.out.write('accounts.kyc_checks', {
    id: ctx.out.nextId('accounts.kyc_checks'),
    customer_id: p.id,
    method,
    business_registration: method === 'business-registration' ? businessRegistration(rng, p.country.code) : null,
    outcome,
    risk_score: outcome === 'failed' ? rng.between(70, 100) : outcome === 'manual-review' ? rng.between(40, 80) : rng.between(0, 40),
    checked_at: p.createdAt + rng.int(3 * DAY),
  });
}
