// The desk's options, resolved once: approval policy, code and token lifetimes, rate limits, where packages are kept.
import { dirname, join, resolve } from 'node:path';
import { CustosError } from '../errors.js';
import { createConnectorPool, type ConnectorPool } from '../connectors/index.js';
import type { PolicyModel } from '../policy/index.js';
import { DEFAULT_STORE_FILE } from '../store/index.js';
import { resolveApprovalPolicy, type ApprovalPolicy } from '../workflow/index.js';

export interface DeskOptions {
  /** Per-kind overrides of the approval policy (`{ erasure: 'automatic' }`). Default: the workflow's defaults. */
  readonly approval?: Readonly<Record<string, string>> | undefined;
  /** Key of keyed-hash pseudonyms for erasure, and of the rate counters' keys. Required. */
  readonly pseudonymKey: Uint8Array;
  /** Secret of the provider app's signed assertions. Default: `CUSTOS_APP_SECRET`; without one, assertions are refused. */
  readonly appSecret?: string | undefined;
  /** Private folder of access packages (created 0700). Default: `packages` beside the store file (`.custos/packages`). */
  readonly packagesDir?: string | undefined;
  /** Connectors to the provider's stores for one run (closed after it). Default: `createConnectorPool(model)`. */
  readonly pool?: (() => ConnectorPool) | undefined;
  /** Lifetime of an e-mail code, in seconds. Default 600 (10 minutes). */
  readonly codeLifetimeSeconds?: number | undefined;
  /** Wrong codes allowed before the code is spent. Default 5. */
  readonly codeAttempts?: number | undefined;
  /** Codes sent to one e-mail address per hour. Default 5. */
  readonly codesPerAddressPerHour?: number | undefined;
  /** Codes sent to, and codes tried from, one IP address per hour. Default 20. */
  readonly codesPerIpPerHour?: number | undefined;
  /** Lifetime of a download token, in seconds. Default 604800 (7 days). */
  readonly downloadLifetimeSeconds?: number | undefined;
  /** Largest identity proof accepted, in bytes. Default 10 MiB. */
  readonly maxProofBytes?: number | undefined;
  /** Retries of a `request.run` job after its first attempt. Default 3. */
  readonly runRetries?: number | undefined;
  /** Whole seconds before the first retry of a run (doubled at each). Default 30. */
  readonly runRetryDelaySeconds?: number | undefined;
  /** The privacy center's address, http(s): download links are `<it>/download/<token>`. Default `http://localhost:3000`. */
  readonly privacyCenterUrl?: string | undefined;
}

export interface ResolvedDeskOptions {
  readonly approval: ApprovalPolicy;
  readonly pseudonymKey: Uint8Array;
  readonly appSecret?: string | undefined;
  readonly packagesDir: string;
  readonly pool: () => ConnectorPool;
  readonly codeLifetimeMs: number;
  readonly codeAttempts: number;
  readonly codesPerAddressPerHour: number;
  readonly codesPerIpPerHour: number;
  readonly downloadLifetimeMs: number;
  readonly maxProofBytes: number;
  readonly runRetries: number;
  readonly runRetryDelaySeconds: number;
  /** Without a trailing slash. */
  readonly privacyCenterUrl: string;
}

/** Media types accepted as identity proof: scans and photos of a document. */
export const PROOF_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

function whole(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value >= min) return value;
  throw new CustosError({ code: 'config', message: `desk option ${name} must be a whole number ≥ ${min}`, details: { option: name } });
}

export function resolveDeskOptions(model: PolicyModel, options: DeskOptions, env: NodeJS.ProcessEnv = process.env): ResolvedDeskOptions {
  if (!(options.pseudonymKey instanceof Uint8Array) || options.pseudonymKey.length < 16)
    throw new CustosError({
      code: 'config',
      message: 'desk option pseudonymKey is required: the key of keyed pseudonyms (loadPseudonymKey()), at least 16 bytes',
      details: { option: 'pseudonymKey' },
    });
  const appSecret = options.appSecret ?? env['CUSTOS_APP_SECRET'];
  if (appSecret !== undefined && Buffer.byteLength(appSecret) < 32)
    throw new CustosError({
      code: 'config',
      message: 'CUSTOS_APP_SECRET is too short: an assertion secret is at least 32 characters (e.g. openssl rand -base64 32)',
      details: { option: 'appSecret' },
    });
  const privacyCenterUrl = (options.privacyCenterUrl ?? 'http://localhost:3000').trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+/.test(privacyCenterUrl) || !URL.canParse(privacyCenterUrl))
    throw new CustosError({
      code: 'config',
      message: 'desk option privacyCenterUrl must be an http(s) URL, e.g. https://privacy.example.com',
      details: { option: 'privacyCenterUrl' },
    });
  const storeFile = env['CUSTOS_STORE'] && !/^postgres(ql)?:/.test(env['CUSTOS_STORE']) ? env['CUSTOS_STORE'] : DEFAULT_STORE_FILE;
  return Object.freeze({
    approval: resolveApprovalPolicy(options.approval),
    pseudonymKey: options.pseudonymKey,
    appSecret,
    packagesDir: resolve(options.packagesDir ?? join(dirname(storeFile.replace(/^sqlite:/, '')), 'packages')),
    pool: options.pool ?? (() => createConnectorPool(model)),
    codeLifetimeMs: whole('codeLifetimeSeconds', options.codeLifetimeSeconds, 600, 1) * 1000,
    codeAttempts: whole('codeAttempts', options.codeAttempts, 5, 1),
    codesPerAddressPerHour: whole('codesPerAddressPerHour', options.codesPerAddressPerHour, 5, 1),
    codesPerIpPerHour: whole('codesPerIpPerHour', options.codesPerIpPerHour, 20, 1),
    downloadLifetimeMs: whole('downloadLifetimeSeconds', options.downloadLifetimeSeconds, 604_800, 1) * 1000,
    maxProofBytes: whole('maxProofBytes', options.maxProofBytes, 10 * 1024 * 1024, 1),
    runRetries: whole('runRetries', options.runRetries, 3, 0),
    runRetryDelaySeconds: whole('runRetryDelaySeconds', options.runRetryDelaySeconds, 30, 1),
    privacyCenterUrl,
  });
}
