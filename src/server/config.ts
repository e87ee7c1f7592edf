// buildServer's options, resolved once into a frozen config: every default written here, every bad value refused by name.
import type { DestinationStream } from 'pino';
import { systemClock, type Clock } from '../clock.js';
import { CustosError } from '../errors.js';
import type { Desk, Registers } from '../desk/index.js';
import type { ApiKeys } from '../store/index.js';
import type { Diagnostic } from '../policy/index.js';
import type { StaffDirectory, StaffSessionStore } from './staff/directory.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerOptions {
  /** Staff accounts. */
  readonly directory: StaffDirectory;
  /** Staff sessions. */
  readonly sessions: StaffSessionStore;
  /**
   * The request desk the privacy center's routes (public-routes.ts) and the staff API (staff-api/) call. Without it,
   * neither is registered.
   */
  readonly desk?: Desk;
  /** The registers (authority requests, incidents, complaints) of register-routes.ts. Without it, those routes are not registered. */
  readonly registers?: Registers;
  /**
   * The store's API keys: with `desk`, the provider app's routes (app-routes.ts, `Authorization: Bearer ck_…`) are
   * registered. Without it, they are not.
   */
  readonly apiKeys?: Pick<ApiKeys, 'get' | 'touch'>;
  /** The manifest's diagnostics when it was compiled: the console's documents page lists them (absent: not shown). */
  readonly diagnostics?: readonly Diagnostic[];
  /** Default: the system clock. Session expiry, sign-in throttling and TOTP codes read it. */
  readonly clock?: Clock;
  /** Default: JSON lines on stdout at `info`. Tests pass a stream to read what was logged. */
  readonly logger?: { readonly stream?: DestinationStream; readonly level?: LogLevel };
  /**
   * Fastify's `trustProxy`: true, or the proxies' addresses. Default false. When set, client addresses come from
   * X-Forwarded-For (so rate limits count people, not the proxy) and cookies are Secure unless `secureCookies` says no.
   */
  readonly trustProxy?: boolean | string | readonly string[];
  /** Default: true when `trustProxy` is set (TLS ends at the proxy). Set true when Custos itself serves HTTPS. */
  readonly secureCookies?: boolean;
  /** Requests per address per window, all routes together. Default 300 per 60 000 ms; false turns it off. */
  readonly rateLimit?: false | { readonly max?: number; readonly windowMs?: number };
  /**
   * Requests per address per window on each of the person's code and status routes (a status token and a code are
   * guessed there), on top of `rateLimit`. Default 20 per 60 000 ms (fewer when `rateLimit` allows fewer); must be stricter.
   */
  readonly publicRateLimit?: { readonly max?: number; readonly windowMs?: number };
  /** Failed sign-ins before refusing more. Default 5 per account and 20 per address per 15 minutes. */
  readonly login?: { readonly perAccount?: number; readonly perAddress?: number; readonly windowMs?: number };
  /** Default: 30 minutes idle, 12 hours in all. */
  readonly session?: { readonly idleMs?: number; readonly absoluteMs?: number };
  /** The issuer authenticator apps show beside the code. Default `Custos`. */
  readonly totpIssuer?: string;
  /** OpenAPI at /api/openapi.json and the interactive docs at /api/docs. Default true. */
  readonly docs?: boolean;
}

export interface ServerConfig {
  readonly clock: Clock;
  readonly logLevel: LogLevel;
  readonly trustProxy: boolean | string | readonly string[];
  readonly secureCookies: boolean;
  readonly rateLimit: false | { readonly max: number; readonly windowMs: number };
  readonly publicRateLimit: { readonly max: number; readonly windowMs: number };
  readonly login: { readonly perAccount: number; readonly perAddress: number; readonly windowMs: number };
  readonly session: { readonly idleMs: number; readonly absoluteMs: number };
  readonly totpIssuer: string;
  readonly docs: boolean;
}

const MINUTE = 60_000;

export function resolveServerConfig(options: ServerOptions): ServerConfig {
  const level = options.logger?.level ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw configError('logger.level', `must be one of ${LOG_LEVELS.join(', ')}`);
  const trustProxy = options.trustProxy ?? false;
  const rateLimit =
    options.rateLimit === false
      ? false
      : Object.freeze({
          max: positive('rateLimit.max', options.rateLimit?.max ?? 300),
          windowMs: positive('rateLimit.windowMs', options.rateLimit?.windowMs ?? MINUTE),
        });
  const publicRateLimit = Object.freeze({
    // A global limit set below 20 a minute is already the stricter one: the default follows it down.
    max: positive('publicRateLimit.max', options.publicRateLimit?.max ?? Math.min(20, rateLimit ? rateLimit.max : 20)),
    windowMs: positive('publicRateLimit.windowMs', options.publicRateLimit?.windowMs ?? MINUTE),
  });
  // Compared as rates: the stricter limit lets fewer requests through per millisecond than the global one.
  if (rateLimit && options.publicRateLimit && publicRateLimit.max / publicRateLimit.windowMs >= rateLimit.max / rateLimit.windowMs)
    throw configError('publicRateLimit.max', 'must allow fewer requests per window than rateLimit (it is the stricter limit)');
  const session = Object.freeze({
    idleMs: positive('session.idleMs', options.session?.idleMs ?? 30 * MINUTE),
    absoluteMs: positive('session.absoluteMs', options.session?.absoluteMs ?? 12 * 60 * MINUTE),
  });
  if (session.idleMs > session.absoluteMs) throw configError('session.idleMs', 'must not exceed session.absoluteMs');
  const totpIssuer = options.totpIssuer ?? 'Custos';
  if (totpIssuer.trim() === '' || totpIssuer.includes(':'))
    throw configError('totpIssuer', 'must be a non-empty name without a colon (authenticator apps split on it)');
  return Object.freeze({
    clock: options.clock ?? systemClock,
    logLevel: level,
    trustProxy: Array.isArray(trustProxy) ? Object.freeze([...trustProxy]) : trustProxy,
    secureCookies: options.secureCookies ?? trustProxy !== false,
    rateLimit,
    publicRateLimit,
    login: Object.freeze({
      perAccount: positive('login.perAccount', options.login?.perAccount ?? 5),
      perAddress: positive('login.perAddress', options.login?.perAddress ?? 20),
      windowMs: positive('login.windowMs', options.login?.windowMs ?? 15 * MINUTE),
    }),
    session,
    totpIssuer,
    docs: options.docs ?? true,
  });
}

function positive(option: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw configError(option, 'must be a positive whole number');
  return value;
}

function configError(option: string, fix: string): CustosError {
  return new CustosError({ code: 'config', message: `server option ${option} ${fix}`, details: { option } });
}
