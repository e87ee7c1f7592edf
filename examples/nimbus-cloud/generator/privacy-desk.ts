// Rows of the CRM and privacy desk around one customer: marketing contacts, consent proofs, rights requests, identity documents.
import { CONSENT_NOTICES, MARKETING_SOURCES, MARKETING_TOPICS } from './catalog.js';
import { encrypted } from './formats.js';
import { DAY, type CustomerProfile } from './people.js';
import type { Rng } from './random.js';
import type { GenerationContext } from './rows.js';

const REQUEST_STATUSES: readonly (readonly [string, number])[] = [
  ['completed', 70],
  ['in-progress', 15],
  ['received', 10],
  ['rejected', 5],
];
const REQUEST_KINDS: readonly (readonly [string, number])[] = [
  ['access', 45],
  ['erasure', 25],
  ['rectification', 10],
  ['portability', 10],
  ['objection', 10],
];
const REQUEST_CHANNELS: readonly (readonly [string, number])[] = [
  ['web', 70],
  ['email', 25],
  ['post', 5],
];

/** The notice in force at `at` (a new version every year or so). */
function noticeAt(at: number, now: number): string {
  const yearsAgo = Math.floor((now - at) / (365 * DAY));
  return CONSENT_NOTICES[Math.max(0, CONSENT_NOTICES.length - 1 - yearsAgo)] as string;
}

export interface ConsentInput {
  readonly purpose: string;
  readonly granted: boolean;
  readonly method: 'banner' | 'form' | 'account-settings';
  readonly at: number;
  readonly email?: string | null;
  readonly visitorId?: string | null;
  readonly customerId?: number | null;
}

export function writeConsent(ctx: GenerationContext, c: ConsentInput): void {
  ctx.out.write('accounts.consent_records', {
    id: ctx.out.nextId('accounts.consent_records'),
    subject_email: c.email ?? null,
    visitor_id: c.visitorId ?? null,
    customer_id: c.customerId ?? null,
    purpose: c.purpose,
    granted: c.granted,
    notice_version: noticeAt(c.at, ctx.now),
    method: c.method,
    recorded_at: c.at,
  });
}

export function writePrivacyDesk(p: CustomerProfile, rng: Rng, ctx: GenerationContext): void {
  const { out, now } = ctx;
  const end = p.closedAt ?? now;
  if (rng.chance(0.3)) {
    const subscribedAt = p.createdAt + rng.int(Math.max(1, end - p.createdAt));
    const unsubscribedAt = rng.chance(0.15) ? subscribedAt + rng.int(Math.max(1, end - subscribedAt)) : null;
    out.write('accounts.marketing_contacts', {
      id: out.nextId('accounts.marketing_contacts'),
      email: p.email,
      name: p.name,
      company: p.company?.text ?? null,
      customer_id: p.id,
      topics: rng.pick(MARKETING_TOPICS),
      source: rng.chance(0.6) ? 'checkout' : rng.pick(MARKETING_SOURCES),
      subscribed_at: subscribedAt,
      last_contact_at: subscribedAt + rng.int(Math.max(1, (unsubscribedAt ?? end) - subscribedAt)),
      unsubscribed_at: unsubscribedAt,
    });
    const method = rng.chance(0.7) ? 'form' : 'account-settings';
    writeConsent(ctx, { purpose: 'prospecting-email', granted: true, method, at: subscribedAt, email: p.email, customerId: p.id });
    if (unsubscribedAt !== null) {
      writeConsent(ctx, {
        purpose: 'prospecting-email',
        granted: false,
        method: 'account-settings',
        at: unsubscribedAt,
        email: p.email,
        customerId: p.id,
      });
    }
  }
  for (const visitorId of p.visitorIds) {
    if (!rng.chance(0.6)) continue;
    // A banner choice made while signed in is linked to the account; otherwise only to the cookie's identifier.
    const signedIn = rng.chance(0.5);
    const at = end - rng.int(Math.max(1, Math.min(end - p.createdAt, 400 * DAY)));
    const who = { visitorId, email: signedIn ? p.email : null, customerId: signedIn ? p.id : null, method: 'banner' as const, at };
    writeConsent(ctx, { ...who, purpose: 'analytics-cookies', granted: rng.chance(0.7) });
    if (rng.chance(0.5)) writeConsent(ctx, { ...who, purpose: 'targeting-cookies', granted: rng.chance(0.35) });
  }
  // One customer in 97 has a request in progress with an identity document, so that small runs hold both.
  if (p.id % 97 === 13) writeRightsRequest(p, rng, ctx, true);
  else if (rng.chance(0.006)) writeRightsRequest(p, rng, ctx, false);
  // People who are not customers: newsletter prospects and anonymous visitors' banner choices.
  if (rng.chance(0.12)) writeProspect(p, rng, ctx);
  if (rng.chance(0.3)) {
    const visitorId = rng.hex(20);
    writeConsent(ctx, {
      purpose: 'analytics-cookies',
      granted: rng.chance(0.6),
      method: 'banner',
      at: now - rng.int(400 * DAY),
      visitorId,
    });
  }
}

function writeProspect(p: CustomerProfile, rng: Rng, ctx: GenerationContext): void {
  const names = ctx.pools.names[p.country.names];
  const first = rng.pick(names.firstNames);
  const last = rng.pick(names.lastNames);
  const id = ctx.out.nextId('accounts.marketing_contacts');
  const email = `${first.slug}${last.slug.slice(0, 1)}.p${id}@${rng.chance(0.5) ? 'courriel.example' : 'inbox.example'}`;
  const subscribedAt = ctx.now - rng.int(4 * 365 * DAY);
  const company = rng.chance(0.4) ? rng.pick(ctx.pools.companies).text : null;
  ctx.out.write('accounts.marketing_contacts', {
    id,
    email,
    name: `${first.text} ${last.text}`,
    company,
    customer_id: null,
    topics: rng.pick(MARKETING_TOPICS),
    source: rng.pick(MARKETING_SOURCES),
    subscribed_at: subscribedAt,
    last_contact_at: subscribedAt + rng.int(Math.max(1, ctx.now - subscribedAt)),
    unsubscribed_at: rng.chance(0.2) ? subscribedAt + rng.int(Math.max(1, ctx.now - subscribedAt)) : null,
  });
  writeConsent(ctx, { purpose: 'prospecting-email', granted: true, method: 'form', at: subscribedAt, email });
}

function writeRightsRequest(p: CustomerProfile, rng: Rng, ctx: GenerationContext, withDocument: boolean): void {
  const { out, now } = ctx;
  const requestId = out.nextId('accounts.rights_requests');
  const receivedAt = now - rng.int(700 * DAY);
  const status = withDocument ? 'in-progress' : rng.weighted(REQUEST_STATUSES);
  const replied = status === 'completed' || status === 'rejected';
  const repliedAt = replied ? Math.min(now, receivedAt + rng.between(1, 30) * DAY) : null;
  out.write('accounts.rights_requests', {
    id: requestId,
    customer_id: p.id,
    requester_email: p.email,
    requester_name: p.name,
    kind: rng.weighted(REQUEST_KINDS),
    channel: rng.weighted(REQUEST_CHANNELS),
    jurisdiction: p.country.jurisdiction,
    status,
    received_at: receivedAt,
    replied_at: repliedAt,
    processed_at: status === 'completed' ? repliedAt : null,
  });
  // Identity proof is deleted once the request is processed (P0D); a few processed ones are left for the retention sweep.
  if (withDocument || (rng.chance(0.35) && (status !== 'completed' || rng.chance(0.2)))) {
    out.write('accounts.identity_documents', {
      id: out.nextId('accounts.identity_documents'),
      request_id: requestId,
      kind: rng.pick(['passport', 'identity-card', 'proof-of-address']),
      document: encrypted(rng, 96),
      uploaded_at: receivedAt + rng.between(1, 48) * 3_600_000,
    });
  }
}
