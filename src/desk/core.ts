// What every part of the desk works with: the model, Custos's store, the job queue, the vault, the clock, its options.
import type { Clock } from '../clock.js';
import type { JobQueue } from '../jobs/index.js';
import type { PolicyModel } from '../policy/index.js';
import type { Store } from '../store/index.js';
import type { Vault } from '../vault/index.js';
import type { ResolvedDeskOptions } from './options.js';

export interface DeskCore {
  readonly model: PolicyModel;
  readonly store: Store;
  readonly jobs: JobQueue;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly options: ResolvedDeskOptions;
}
