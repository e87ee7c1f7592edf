// The anonymity check's options for a collection: the thresholds its manifest declares (`anonymity:`), which options may
// override. The retention engine reads the collection through its connector (anonymize never touches a store).
import { CustosError } from '../../errors.js';
import type { CollectionModel } from '../../policy/index.js';
import type { AnonymityCheckOptions } from './check.js';

/** Options a caller may put over the manifest's declaration (the command line's flags). */
export type CollectionCheckOverrides = Partial<
  Pick<
    AnonymityCheckOptions,
    'quasi' | 'sensitive' | 'k' | 'l' | 't' | 'maxShareBelowK' | 'identifierShare' | 'columns' | 'knownIdentifiers' | 'linkTargets'
  >
>;

/**
 * The options the manifest declares for a collection, with `overrides` over them. The linkability test scans every
 * declared field but the primary key: the key names the row in its own store, and is unique by definition (a key other
 * stores hold is a join, which `linkTargets` are for). Refused when nothing names the quasi-identifiers.
 */
export function declaredCheckOptions(collection: CollectionModel, overrides: CollectionCheckOverrides = {}): AnonymityCheckOptions {
  const declared = collection.anonymity;
  const quasi = overrides.quasi ?? declared?.quasi;
  if (quasi === undefined || quasi.length === 0)
    throw new CustosError({
      code: 'invalid-input',
      message: `${collection.qualifiedName} declares no anonymity thresholds: add anonymity: { quasi: […], k: … } to it in the manifest, or give --quasi`,
    });
  const sensitive = overrides.sensitive ?? (declared?.sensitive.length ? declared.sensitive : undefined);
  const k = overrides.k ?? declared?.k;
  const l = overrides.l ?? declared?.l;
  const t = overrides.t ?? declared?.t;
  return {
    quasi,
    ...(sensitive === undefined ? {} : { sensitive }),
    ...(k === undefined ? {} : { k }),
    ...(l === undefined ? {} : { l }),
    ...(t === undefined ? {} : { t }),
    ...(overrides.maxShareBelowK === undefined ? {} : { maxShareBelowK: overrides.maxShareBelowK }),
    ...(overrides.identifierShare === undefined ? {} : { identifierShare: overrides.identifierShare }),
    ...(overrides.knownIdentifiers === undefined ? {} : { knownIdentifiers: overrides.knownIdentifiers }),
    ...(overrides.linkTargets === undefined ? {} : { linkTargets: overrides.linkTargets }),
    columns: overrides.columns ?? [...collection.fields.keys()].filter((f) => !collection.primaryKey.includes(f)),
  };
}
