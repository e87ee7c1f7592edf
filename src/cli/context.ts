// Builds what rights commands need: the model, connectors, Custos's store, the clock and key material.
import { randomUUID } from 'node:crypto';
import { fixedClock, systemClock } from '../clock.js';
import type { PolicyModel } from '../policy/index.js';
import { createConnectorPool } from '../connectors/index.js';
import { type ExecutionContext, type Identities, type ProgressEvent } from '../rights/index.js';
import { openStore, type Store } from '../store/index.js';
import { loadPseudonymKey } from '../vault/index.js';
import { requestIdentities } from './identities.js';
import { parseNow, requireModel } from './manifest.js';
import { checkRequestId } from './paths.js';

export interface RequestOptions {
  identity: string[];
  requestId?: string;
  store?: string;
  profile?: string;
  now?: string;
}

export interface CommandContext extends ExecutionContext {
  readonly identities: Identities;
  readonly requestId: string;
  close(): Promise<void>;
}

/** The model for a request: errors only are printed, warnings do not get in the way of answering people. */
export function loadModel(dir: string | undefined, opts: Pick<RequestOptions, 'profile' | 'now'>): PolicyModel {
  return requireModel(dir, { now: parseNow(opts.now), profile: opts.profile, warnings: false });
}

/**
 * Runs `work` on Custos's store at `location` (default CUSTOS_STORE, else .custos/custos.db), ready before `work` starts
 * and closed on every path.
 */
export async function withStore<T>(location: string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(location);
  try {
    await store.ready();
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Checks every option first, then opens the store and the connector pool (which `close()` releases). */
export function commandContext(dir: string | undefined, opts: RequestOptions, onProgress?: (e: ProgressEvent) => void): CommandContext {
  const requestId =
    opts.requestId === undefined
      ? `req-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`
      : checkRequestId(opts.requestId);
  const clock = opts.now ? fixedClock(parseNow(opts.now)) : systemClock;
  const model = loadModel(dir, opts);
  const identities = requestIdentities(model, opts.identity);
  const pseudonymKey = loadPseudonymKey();
  const store = openStore(opts.store);
  const pool = createConnectorPool(model);
  return {
    model,
    identities,
    requestId,
    pool,
    store,
    clock,
    pseudonymKey,
    onProgress,
    async close() {
      await pool.close();
      await store.close();
    },
  };
}
