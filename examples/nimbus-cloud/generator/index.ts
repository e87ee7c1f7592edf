// The Nimbus Cloud data generator's public face: realistic synthetic customers for the sample manifest, in SQLite or on servers.
export { generateNimbus } from './generate.js';
export { NIMBUS_MANIFEST } from './lanes.js';
export {
  DEFAULT_SEED,
  DISTRIBUTED_PROFILE,
  MAX_CUSTOMERS,
  NIMBUS_NOW,
  STORE_SELECTIONS,
  THREADS_FROM,
  type DatasetReport,
  type GenerateNimbusOptions,
  type GenerationProgress,
  type GenerationReport,
  type StoreSelection,
} from './options.js';
export { nimbusCustomer, nimbusEmail, type ClosureState, type CustomerProfile } from './people.js';
