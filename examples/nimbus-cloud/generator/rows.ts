// What the row generators hand to the loaders: one object per row, keyed by the manifest's field names.
import type { Pools } from './pools.js';

/** A cell as generated: datetimes are epoch milliseconds, turned into each store's form by the loader (see sinks/encode.ts). */
export type Cell = string | number | boolean | null;
export type GeneratedRow = Readonly<Record<string, Cell>>;

/** Every collection the generator fills; the manifest must declare exactly these (checked before any write). */
export const NIMBUS_COLLECTIONS = [
  'accounts.customers',
  'accounts.agents',
  'accounts.services',
  'accounts.orders',
  'accounts.invoices',
  'accounts.payment_methods',
  'accounts.collection_cases',
  'accounts.api_tokens',
  'accounts.kyc_checks',
  'accounts.notification_emails',
  'accounts.support_tickets',
  'accounts.support_messages',
  'accounts.calls',
  'accounts.satisfaction_surveys',
  'accounts.marketing_contacts',
  'accounts.consent_records',
  'accounts.rights_requests',
  'accounts.identity_documents',
  'telemetry.login_events',
  'telemetry.connection_logs',
  'telemetry.application_logs',
  'telemetry.analytics_visits',
  'recruitment.applications',
  'recruitment.interviews',
  'sessions.sessions',
] as const;
export type NimbusCollection = (typeof NIMBUS_COLLECTIONS)[number];

export interface RowWriter {
  /** The next id of a collection's integer primary key: 1, 2, 3… in the order rows are generated. */
  nextId(collection: NimbusCollection): number;
  write(collection: NimbusCollection, row: GeneratedRow): void;
}

export interface GenerationContext {
  readonly seed: number;
  /** The clock of the data, in ms. */
  readonly now: number;
  /** Number of customers (ids 1…customers). */
  readonly customers: number;
  readonly pools: Pools;
  readonly out: RowWriter;
}
