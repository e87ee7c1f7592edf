// Builds what rights commands need: the model, connectors, Custos's store, the clock and key material.
import { randomUUID } from 'node:crypto';
import { fixedClock, systemClock } from '../clock.js';
import type { PolicyModel } from '../policy/index.js';
import { compilePolicyFolder, hasErrors } from '../policy/index.js';
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
import { DEFAULT_MANIFEST_DIR, parseNow } from './manifest.js';
import { EXIT, printDiagnostics } from './output.js';

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

export function loadModel(dir: string | undefined, opts: Pick<RequestOptions, 'profile' | 'now'>): PolicyModel {
  const result = compilePolicyFolder(dir ?? DEFAULT_MANIFEST_DIR, {
    now: parseNow(opts.now),
    profile: opts.profile ?? process.env.CUSTOS_PROFILE,
  });
  printDiagnostics(result.diagnostics.filter((d) => d.severity === 'error'));
  if (!result.model) process.exit(result.files.length === 0 ? EXIT.unusable : EXIT.errors);
  if (hasErrors(result.diagnostics)) {
    process.stderr.write('custos: the manifest has errors; fix them first (custos lint)\n');
    process.exit(EXIT.errors);
  }
  return result.model;
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
