// How an HTTP connector reaches a provider: its base URL, the signing secret, and how long to wait.
import { CustosError } from '../../errors.js';
import type { StoreTarget } from '../target.js';

export interface HttpConfig {
  /** Base URL without trailing slash; endpoints are `{url}/custos/<operation>`. */
  readonly url: string;
  readonly secret: string;
  /** Milliseconds to wait for a response's headers (default 30,000); a streaming body may take longer. */
  readonly timeoutMs: number;
  /** `Basic …` when the URL carried a user and password (fetch refuses URLs with credentials). */
  readonly authorization?: string | undefined;
}

/** Resolves once; a missing secret or a non-http URL is CustosError('config'). */
export function httpConfig(target: StoreTarget): HttpConfig {
  if (!target.url || !/^https?:\/\//i.test(target.url)) {
    throw new CustosError({ code: 'config', message: `${target.label}: an http store needs an http(s) url` });
  }
  if (!target.secret) {
    throw new CustosError({ code: 'config', message: `${target.label}: an http store needs a signing secret (secret: { env: NAME })` });
  }
  const url = new URL(target.url);
  const credentials = url.username || url.password ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined;
  url.username = '';
  url.password = '';
  return Object.freeze({
    url: url.toString().replace(/\/+$/, ''),
    secret: target.secret,
    timeoutMs: 30_000,
    authorization: credentials === undefined ? undefined : `Basic ${Buffer.from(credentials).toString('base64')}`,
  });
}
