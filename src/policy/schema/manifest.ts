// The whole manifest, as merged from every YAML file of the provider's `privacy/` folder.
import { z } from 'zod';
import { CategoryKey, Id, StoreIdentifier } from './common.js';
import { Organization, RightsSettings } from './organization.js';
import { Taxonomy } from './taxonomy.js';
import { LegalHold, Locations, Purpose, Recipient, RetentionRule, Subject } from './processing.js';
import { Accounts, Dataset, IdentityKey } from './datasets.js';
import { Consent } from './consent.js';

export const Manifest = z.strictObject({
  organization: Organization,
  identities: z.record(Id, IdentityKey).default({}),
  subjects: z.record(Id, Subject),
  taxonomy: Taxonomy.optional(),
  recipients: z.record(Id, Recipient).default({}),
  locations: Locations,
  purposes: z.record(Id, Purpose),
  retention: z.record(Id, RetentionRule).default({}),
  legalHolds: z.record(Id, LegalHold).default({}),
  consent: Consent.optional(),
  rights: RightsSettings.optional(),
  datasets: z.record(Id, Dataset).default({}),
  accounts: Accounts.optional(),
});

export type ManifestInput = z.input<typeof Manifest>;
export type ManifestData = z.output<typeof Manifest>;

/** Keys that may be split across several files; their entries are merged, duplicates are an error. */
export const MERGEABLE_SECTIONS = ['identities', 'subjects', 'recipients', 'purposes', 'retention', 'legalHolds', 'datasets'] as const;

export { CategoryKey, Id, StoreIdentifier };
