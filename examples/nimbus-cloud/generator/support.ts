// Rows of one customer's communications: the notification outbox, support tickets and messages, calls and satisfaction surveys.
import type { AgentRef } from './accounts.js';
import type { BillingSummary } from './billing.js';
import { TICKET_CHANNELS } from './catalog.js';
import { phoneNumber } from './formats.js';
import { CUSTOMER_MESSAGES, NOTIFICATIONS, STAFF_MESSAGES, SURVEY_COMMENTS, TICKET_SUBJECTS, fill } from './messages.js';
import { DAY, type CustomerProfile } from './people.js';
import { Rng, STREAMS } from './random.js';
import type { GenerationContext } from './rows.js';

const HOUR = 3_600_000;
/** Tickets per customer. */
const TICKET_COUNTS: readonly (readonly [number, number])[] = [
  [0, 55],
  [1, 32],
  [2, 10],
  [3, 3],
];
/** The plan a customer is on, and the team sizes it allows (seats): what a survey records beside the score. */
const SURVEY_PLANS: readonly (readonly [readonly [plan: string, seats: readonly [number, number]], number])[] = [
  [['starter', [1, 9]], 60],
  [['business', [10, 49]], 27],
  [['enterprise', [50, 400]], 13],
];
const SURVEY_SCORES: readonly (readonly [number, number])[] = [
  [5, 40],
  [4, 30],
  [3, 15],
  [2, 8],
  [1, 7],
];

export interface SupportInput {
  readonly agents: readonly AgentRef[];
  readonly billing: BillingSummary;
}

/** The values a template may name, for this customer. */
function templateValues(p: CustomerProfile, rng: Rng, billing: BillingSummary): Record<string, string> {
  const service = p.services.length > 0 ? rng.pick(p.services) : undefined;
  const invoice = billing.invoices.length > 0 ? rng.pick(billing.invoices) : undefined;
  return {
    name: p.first.text,
    product: service?.product.name ?? 'VPS Starter',
    host: service?.hostname ?? p.domain,
    number: invoice?.number ?? 'NC-2026-00000000',
    amount: `${((invoice?.amountCents ?? 0) / 100).toFixed(2)} ${billing.currency}`,
  };
}

export function writeSupport(p: CustomerProfile, rng: Rng, ctx: GenerationContext, input: SupportInput): void {
  const { out, now } = ctx;
  const lang = p.country.language;
  const end = p.closedAt ?? now;
  const span = Math.max(HOUR, end - p.createdAt);
  const notify = (template: (typeof NOTIFICATIONS)[number], sentAt: number) => {
    const values = templateValues(p, rng, input.billing);
    out.write('accounts.notification_emails', {
      id: out.nextId('accounts.notification_emails'),
      customer_id: p.id,
      to_address: p.backupEmail && rng.chance(0.08) ? p.backupEmail : p.email,
      template: template.id,
      subject: fill(template.subject[lang], values),
      body: fill(template.body[lang], values),
      sent_at: sentAt,
    });
  };
  notify(NOTIFICATIONS[0] as (typeof NOTIFICATIONS)[number], p.createdAt + 60_000);
  for (let i = rng.count(1.5); i > 0; i--) {
    // Mostly within the outbox's 24 months; older ones wait for the retention sweep.
    const sentAt = end - Math.floor(Math.min(span, rng.chance(0.95) ? 730 * DAY : span) * rng.next());
    notify(NOTIFICATIONS[1 + rng.int(NOTIFICATIONS.length - 1)] as (typeof NOTIFICATIONS)[number], sentAt);
  }

  const survey = surveyContext(p, ctx.seed);
  for (let t = rng.weighted(TICKET_COUNTS); t > 0; t--) {
    const ticketId = out.nextId('accounts.support_tickets');
    const values = templateValues(p, rng, input.billing);
    const channel = rng.pick(TICKET_CHANNELS);
    const openedAt = end - Math.floor(Math.min(span, 4 * 365 * DAY) * rng.next());
    const closed = openedAt < now - 10 * DAY ? rng.chance(0.97) : rng.chance(0.4);
    let at = openedAt;
    const messages = rng.between(2, 5);
    for (let m = 0; m < messages; m++) {
      const staff = m % 2 === 1;
      const author = staff
        ? rng.pick(ctx.pools.staff).email
        : input.agents.length > 0 && rng.chance(0.25)
          ? rng.pick(input.agents).email
          : p.email;
      out.write('accounts.support_messages', {
        id: out.nextId('accounts.support_messages'),
        ticket_id: ticketId,
        author_role: staff ? 'staff' : 'customer',
        author_email: author,
        body: fill(rng.pick(staff ? STAFF_MESSAGES[lang] : CUSTOMER_MESSAGES[lang]), values),
        sent_at: at,
      });
      if (m < messages - 1) at += rng.between(5, 36 * 60) * 60_000;
    }
    const lastActivity = Math.min(at, now);
    out.write('accounts.support_tickets', {
      id: ticketId,
      customer_id: p.id,
      subject: fill(rng.pick(TICKET_SUBJECTS[lang]), values),
      channel,
      status: closed ? 'closed' : rng.chance(0.5) ? 'open' : 'pending',
      opened_at: openedAt,
      last_activity_at: lastActivity,
      closed_at: closed ? lastActivity + rng.between(1, 48) * HOUR : null,
    });
    if (channel === 'phone') writeCall(p, rng, ctx, ticketId, openedAt);
    if (closed && rng.chance(0.4)) {
      out.write('accounts.satisfaction_surveys', {
        id: out.nextId('accounts.satisfaction_surveys'),
        ticket_id: ticketId,
        customer_id: p.id,
        score: rng.weighted(SURVEY_SCORES),
        comment: rng.chance(0.3) ? rng.pick(SURVEY_COMMENTS[lang]) : null,
        answered_at: Math.min(lastActivity + rng.between(1, 72) * HOUR, now),
        ...survey,
      });
    }
  }
  if (rng.chance(0.04)) writeCall(p, rng, ctx, null, end - rng.int(Math.min(span, 365 * DAY)));
}

/**
 * What a survey records of the customer who answers it: their plan, team size (the seats on the account, exact: the
 * anonymise action bands it) and the region of their first service. Drawn from a stream of its own.
 */
function surveyContext(p: CustomerProfile, seed: number): { plan: string; team_size: string; region: string } {
  const rng = new Rng(seed, STREAMS.surveys, p.id);
  const [plan, [fewest, most]] = rng.weighted(SURVEY_PLANS);
  const region = p.services[0]?.region ?? (p.country.code === 'CA' ? 'ca-mtl' : 'fr-sbg');
  return { plan, team_size: String(rng.between(fewest, most)), region };
}

function writeCall(p: CustomerProfile, rng: Rng, ctx: GenerationContext, ticketId: number | null, startedAt: number): void {
  ctx.out.write('accounts.calls', {
    id: ctx.out.nextId('accounts.calls'),
    customer_id: p.id,
    ticket_id: ticketId,
    caller_number: p.mobile ?? p.phone ?? phoneNumber(rng, p.country.mobile),
    duration_seconds: rng.between(25, 1800),
    recording_ref: `rec_${rng.hex(24)}`,
    started_at: startedAt,
  });
}
