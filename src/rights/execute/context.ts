// What every executor receives: the model, connectors, Custos's store, the clock, and a way to report progress.
import type { Clock } from '../../clock.js';
import type { PolicyModel } from '../../policy/index.js';
import type { Store } from '../../store/index.js';
import type { ConnectorPool } from '../../connectors/index.js';
import type { Identities } from '../plan.js';

export type ProgressEvent =
  | { readonly type: 'resolved'; readonly collections: number }
  | { readonly type: 'step-started'; readonly stepId: string; readonly index: number; readonly total: number }
  | { readonly type: 'step-done'; readonly stepId: string; readonly rows: number }
  | { readonly type: 'committed'; readonly dataset: string; readonly steps: readonly string[] }
  | { readonly type: 'collection-exported'; readonly collection: string; readonly rows: number };

export interface ExecutionContext {
  readonly model: PolicyModel;
  readonly pool: ConnectorPool;
  readonly store: Store;
  readonly clock: Clock;
  /** Key of keyed-hash pseudonyms (strategy `hash`). */
  readonly pseudonymKey: Uint8Array;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((event: ProgressEvent) => void | Promise<void>) | undefined;
}

/** What one run of the rights engine acts on; a request at the desk (src/workflow `RightsRequest`) owns one or more runs. */
export interface RunRequest {
  /** Run id: running a request again with the same id resumes it. */
  readonly id: string;
  readonly identities: Identities;
}
