// Builds what rights commands need: the model, connectors, Custos's store, the clock and key material.
import { randomUUID } from 'node:crypto';
import { fixedClock, systemClock } from '../clock.js';
import type { PolicyModel } from '../policy/index.js';
import {
  createConnectorPool,
  normalizeIdentities,
  parseIdentityArgs,
  type ExecutionContext,
  type Identities,
  type ProgressEvent,
} from '../rights/index.js';
import { openStore } from '../store/index.js';
import { loadPseudonymKey } from '../vault/index.js';
import { parseNow, requireModel } from './manifest.js';

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

export function commandContext(dir: string | undefined, opts: RequestOptions, onProgress?: (e: ProgressEvent) => void): CommandContext {
  const model = loadModel(dir, opts);
  const identities = normalizeIdentities(model, parseIdentityArgs(opts.identity));
  const store = openStore(opts.store);
  const pool = createConnectorPool(model);
  return {
    model,
    identities,
    requestId: opts.requestId ?? `req-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
    pool,
    store,
    clock: opts.now ? fixedClock(parseNow(opts.now)) : systemClock,
    pseudonymKey: loadPseudonymKey(),
    onProgress,
    async close() {
      await pool.close();
      await store.close();
    },
  };
}
