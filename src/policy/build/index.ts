// Builds the frozen, indexed PolicyModel from a schema-valid manifest. Pure: no I/O, no diagnostics (the linter judges).
// One file per part of the manifest; this one assembles them.
import type * as M from '../model.js';
import type { ManifestData } from '../schema/index.js';
import { optionalText, toText } from '../text.js';
import { RIGHTS } from '../vocabulary.js';
import { buildDataset, foldedIdentities } from './datasets.js';
import { buildJurisdictions } from './jurisdictions.js';
import { buildConsent, buildRights } from './consent-rights.js';
import { buildIndex } from './indexes.js';
import { buildOrganization } from './organization.js';
import { buildCategories, buildHandling, forbiddenEdits } from './taxonomy.js';
import { buildLegalHolds, buildLocations, buildPurposes, buildRecipients, buildRetention } from './processing.js';
import { freezeMap } from './values.js';

export function buildModel(data: ManifestData, baseDir: string, profile?: string): M.PolicyModel {
  const authorities = freezeMap(
    Object.entries(data.organization.authorities ?? {}).map(([id, a]) => [id, Object.freeze({ id, ...a, name: toText(a.name) })]),
  );
  const categories = buildCategories(data);
  const datasets = freezeMap(
    Object.entries(data.datasets).map(([id, ds]) => [id, buildDataset(id, ds, categories, baseDir, profile, foldedIdentities(data))]),
  );
  const purposes = buildPurposes(data);
  const retention = buildRetention(data);
  const legalHolds = buildLegalHolds(data);
  const jurisdictions = buildJurisdictions(data, authorities);
  const model: M.PolicyModel = {
    organization: buildOrganization(data.organization),
    languages: data.organization.languages ?? ['en'],
    jurisdictions,
    grantedRights: RIGHTS.filter((r) => jurisdictions.some((j) => j.rights.includes(r))),
    legalBasisRequired: jurisdictions.some((j) => j.requiresLegalBasis),
    authorities,
    identities: freezeMap(
      Object.entries(data.identities).map(([id, k]) => [
        id,
        Object.freeze({
          id,
          type: k.type,
          label: optionalText(k.label),
          caseInsensitive: k.caseInsensitive ?? k.type === 'email',
          storedLowercase: k.storedLowercase ?? false,
        }),
      ]),
    ),
    categories,
    handling: buildHandling(data),
    forbiddenListed: data.taxonomy?.forbidden !== undefined,
    forbiddenEdits: forbiddenEdits(data),
    recipients: buildRecipients(data),
    locations: buildLocations(data),
    subjects: freezeMap(
      Object.entries(data.subjects).map(([id, s]) => [
        id,
        Object.freeze({ id, name: toText(s.name), description: optionalText(s.description) }),
      ]),
    ),
    purposes,
    retention,
    legalHolds,
    consent: buildConsent(data),
    rights: buildRights(data),
    datasets,
    accounts: Object.freeze({
      closure: data.accounts?.closure && {
        identity: data.accounts.closure.identity,
        preconditions: data.accounts.closure.preconditions.map((p) => ({
          ...p,
          description: toText(p.description),
          when: Object.fromEntries(Object.entries(p.when).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])),
        })),
      },
      securityContacts: data.accounts?.securityContacts,
    }),
    index: buildIndex(datasets, purposes, retention, legalHolds),
    baseDir,
  };
  return Object.freeze(model);
}
