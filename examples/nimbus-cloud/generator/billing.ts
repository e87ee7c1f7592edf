// Rows of one customer's billing: orders, invoices, saved payment methods (BIN + last 4 only) and collection cases.
import { PRODUCTS } from './catalog.js';
import { CARD_BRANDS, encrypted, maskedCard } from './formats.js';
import { DAY, type CustomerProfile } from './people.js';
import type { Rng } from './random.js';
import type { GenerationContext } from './rows.js';

/** Saved payment methods per customer. */
const PAYMENT_METHOD_COUNTS: readonly (readonly [number, number])[] = [
  [0, 8],
  [1, 75],
  [2, 17],
];

export interface InvoiceRef {
  readonly number: string;
  readonly amountCents: number;
  readonly issuedAt: number;
  readonly status: 'paid' | 'unpaid' | 'cancelled';
}

export interface BillingSummary {
  readonly invoices: readonly InvoiceRef[];
  readonly currency: string;
}

/** Writes orders, invoices, payment methods and any collection case; `serviceIds` are the ids of `p.services`, in order. */
export function writeBilling(p: CustomerProfile, rng: Rng, ctx: GenerationContext, serviceIds: readonly number[]): BillingSummary {
  const { out, now } = ctx;
  const currency = p.country.code === 'CA' ? 'CAD' : 'EUR';
  const end = p.closedAt ?? now;
  const billingName = p.company?.text ?? p.name;
  const invoices: InvoiceRef[] = [];
  const invoiceIds: number[] = [];
  const invoice = (orderId: number | null, amountCents: number, issuedAt: number, status: InvoiceRef['status']) => {
    const id = out.nextId('accounts.invoices');
    const number = `NC-${new Date(issuedAt).getUTCFullYear()}-${String(id).padStart(8, '0')}`;
    out.write('accounts.invoices', {
      id,
      customer_id: p.id,
      order_id: orderId,
      number,
      issued_at: issuedAt,
      due_at: issuedAt + 30 * DAY,
      amount_cents: amountCents,
      currency,
      status,
      billing_name: billingName,
      billing_address: p.address,
    });
    invoices.push({ number, amountCents, issuedAt, status });
    invoiceIds.push(id);
  };
  const order = (serviceId: number | null, product: string, total: number, status: string, placedAt: number) => {
    const id = out.nextId('accounts.orders');
    out.write('accounts.orders', {
      id,
      customer_id: p.id,
      service_id: serviceId,
      product,
      status,
      total_cents: total,
      currency,
      placed_at: placedAt,
    });
    return id;
  };

  p.services.forEach((s, i) => {
    const price = s.product.monthly * (rng.chance(0.25) ? 11 : 1);
    const orderId = order(serviceIds[i] ?? null, s.product.name, price, 'completed', s.startedAt - rng.between(60, 3600) * 1000);
    invoice(orderId, price, s.startedAt, 'paid');
    // The latest renewal of each service (older ones are in the same state: paid, and left out).
    const renewals = Math.min(1, Math.floor(((s.endedAt ?? end) - s.startedAt) / (30 * DAY)));
    for (let r = renewals; r > 0; r--) {
      const issuedAt = (s.endedAt ?? end) - r * 30 * DAY + rng.int(DAY);
      const unpaid = r === 1 && p.blockers.unpaidInvoice && i === 0;
      invoice(orderId, price, issuedAt, unpaid ? 'unpaid' : 'paid');
    }
  });
  if (p.blockers.unpaidInvoice && !invoices.some((inv) => inv.status === 'unpaid')) {
    invoice(null, rng.pick(PRODUCTS).monthly, end - rng.between(5, 80) * DAY - rng.int(DAY), 'unpaid');
  }
  if (rng.chance(0.1)) {
    const product = rng.pick(PRODUCTS);
    const orderId = order(null, product.name, product.monthly, 'cancelled', p.createdAt + rng.int(Math.max(1, end - p.createdAt)));
    if (rng.chance(0.3)) invoice(orderId, product.monthly, end - rng.int(Math.max(1, end - p.createdAt)), 'cancelled');
  }
  if (p.blockers.orderInProgress) {
    const product = rng.pick(PRODUCTS);
    order(null, product.name, product.monthly, rng.chance(0.6) ? 'pending' : 'processing', now - rng.int(3 * DAY));
  }
  writePaymentMethods(p, rng, ctx, invoices);
  writeCollectionCase(p, rng, ctx, invoices, invoiceIds);
  return { invoices, currency };
}

function writePaymentMethods(p: CustomerProfile, rng: Rng, ctx: GenerationContext, invoices: readonly InvoiceRef[]): void {
  const count = rng.weighted(PAYMENT_METHOD_COUNTS);
  const lastPaid = invoices.reduce((latest, inv) => (inv.status === 'paid' && inv.issuedAt > latest ? inv.issuedAt : latest), 0);
  for (let i = 0; i < count; i++) {
    const card = rng.chance(0.8);
    const brand = rng.weighted(CARD_BRANDS);
    const createdAt = p.createdAt + rng.int(Math.max(1, (p.closedAt ?? ctx.now) - p.createdAt));
    const expiry = new Date(createdAt + rng.between(1, 5) * 365 * DAY);
    ctx.out.write('accounts.payment_methods', {
      id: ctx.out.nextId('accounts.payment_methods'),
      customer_id: p.id,
      kind: card ? 'card' : 'sepa_debit',
      holder_name: p.company && !card ? p.company.text : p.name,
      card_brand: card ? brand.name : null,
      card_bin_last4: card ? maskedCard(rng, brand) : null,
      card_expiry: card
        ? `${String(expiry.getUTCMonth() + 1).padStart(2, '0')}/${String(expiry.getUTCFullYear() % 100).padStart(2, '0')}`
        : null,
      processor_token: encrypted(rng, 24),
      iban: card ? null : encrypted(rng, 27),
      is_default: i === 0,
      created_at: createdAt,
      last_used_at: i === 0 && lastPaid > createdAt ? lastPaid : null,
    });
  }
}

/** Half the invoices unpaid after 45 days go to the agency; a few closed accounts left a settled or written-off case. */
function writeCollectionCase(
  p: CustomerProfile,
  rng: Rng,
  ctx: GenerationContext,
  invoices: readonly InvoiceRef[],
  invoiceIds: readonly number[],
): void {
  let index = rng.chance(0.5) ? invoices.findIndex((inv) => inv.status === 'unpaid' && inv.issuedAt < ctx.now - 45 * DAY) : -1;
  const closedCase = index < 0 && p.closure === 'closed' && invoices.length > 0 && (rng.chance(0.03) || p.id % 40 === 0);
  if (index < 0 && !closedCase) return;
  if (index < 0) index = invoices.length - 1;
  const inv = invoices[index] as InvoiceRef;
  const openedAt = inv.issuedAt + rng.between(45, 75) * DAY;
  const status = closedCase ? (rng.chance(0.7) ? 'settled' : 'written-off') : 'open';
  ctx.out.write('accounts.collection_cases', {
    id: ctx.out.nextId('accounts.collection_cases'),
    invoice_id: invoiceIds[index] ?? null,
    customer_id: p.id,
    agency_reference: `RCV-${rng.digits(9)}`,
    debtor_name: p.name,
    debtor_company: p.company?.text ?? null,
    debtor_email: p.email,
    debtor_phone: p.phone ?? p.mobile,
    debtor_address: p.address,
    amount_due_cents: inv.amountCents,
    status,
    opened_at: Math.min(openedAt, ctx.now),
    closed_at: closedCase ? Math.min(openedAt + rng.between(20, 300) * DAY, ctx.now) : null,
  });
}
