// The wire protocol with a provider: signed JSON requests, `{ count }` answers, and rows as NDJSON (streamed) or `{ rows }`.
// Protocol 1: ping, find, count, update, delete. Protocol 2 (declared in the ping answer, discovery.ts) adds `list`, whole
// collections in keyset pages (listing.ts), and `limits`; a provider that declares nothing is spoken to as before.
import { CustosError } from '../../errors.js';
import type { Row, Value, Where } from '../connector.js';
import type { StoreFailure } from '../failures.js';
import { jsonReplacer, normalizeRow } from '../values.js';
import type { HttpConfig } from './config.js';
import { CUSTOS_SIGNATURE_HEADER, signCustosBody } from './signature.js';

export type Operation = 'find' | 'count' | 'update' | 'delete' | 'list' | 'ping';

/**
 * What a call's JSON body holds (ping: `{}`).
 *
 * `where` is one group, `{ "field": [values…] }`: a row matches when each named field equals one of its values (AND of
 * IN-lists). Or it is an array of such groups, `[{ "author_email": [...] }, { "ticket_id": [...] }]`: a row matches when
 * some group matches it (OR), and a row several groups match is returned, counted, updated and deleted once; a provider
 * answers it as one query where it can. Custos never sends an empty array or a group with an empty list (they match
 * nothing, so no call is made), and never sends an update or delete whose `where` is, or holds, `{}`.
 */
export interface CallBody {
  readonly collection: string;
  readonly where: Where | readonly Where[];
  /** update: the fields to set (null clears one). */
  readonly set?: Readonly<Record<string, Value>>;
  /** find: the fields to return (absent: all the provider shares). */
  readonly fields?: readonly string[];
  /** find: the page size Custos reads in (default 1,000), a hint for the provider's own paging. */
  readonly batchSize?: number;
}

/** A provider's non-2xx answer, classified like a client error. */
export class ProviderStatusError extends Error {
  constructor(readonly status: number) {
    super(`provider answered ${status}`);
  }
}

export interface CallOptions {
  readonly config: HttpConfig;
  readonly now: () => number;
  /** Aborts the call (user signal or close); short-lived, one per call. */
  readonly signal: AbortSignal;
}

/**
 * POSTs `body` (Dates as ISO text, bigints as decimal text, bytes as base64) to `{url}/custos/{operation}`, signed.
 * Resolves with the response once its headers arrive; the header wait is bounded by `config.timeoutMs`.
 */
export async function call(operation: Operation, body: unknown, options: CallOptions): Promise<Response> {
  const text = JSON.stringify(body, jsonReplacer);
  const { config } = options;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/x-ndjson, application/json',
    [CUSTOS_SIGNATURE_HEADER]: signCustosBody(config.secret, text, Math.floor(options.now() / 1000)),
  };
  if (config.authorization) headers.authorization = config.authorization;
  // One controller per call: the caller's signal aborts it, and so does the header timeout (the body may stream longer).
  const controller = new AbortController();
  options.signal.addEventListener('abort', () => controller.abort(options.signal.reason), { once: true });
  const timer = setTimeout(() => controller.abort(new DOMException('no answer in time', 'TimeoutError')), config.timeoutMs);
  let response: Response;
  try {
    response = await fetch(`${config.url}/custos/${operation}`, { method: 'POST', headers, body: text, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new ProviderStatusError(response.status);
  }
  return response;
}

/** The `count` of a `{ "count": n }` answer. */
export async function readCount(response: Response, label: string): Promise<number> {
  const body = (await readJson(response)) as { count?: unknown } | undefined;
  if (typeof body?.count !== 'number' || !Number.isInteger(body.count) || body.count < 0)
    throw badResponse(label, 'a { "count": n } object');
  return body.count;
}

/** Rows of a find answer: NDJSON read line by line as the caller pulls, or a `{ "rows": [...] }` document. */
export async function* readRows(response: Response, label: string): AsyncGenerator<Row> {
  if (!(response.headers.get('content-type') ?? '').includes('ndjson')) {
    const body = (await readJson(response)) as { rows?: unknown } | undefined;
    if (!Array.isArray(body?.rows)) throw badResponse(label, 'NDJSON or a { "rows": [...] } object');
    for (const row of body.rows) yield toRow(row, label);
    return;
  }
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const lines = (pending + value).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') yield parseLine(line, label);
    }
    if (pending.trim() !== '') yield parseLine(pending, label);
  } finally {
    // Stopping early cancels the body, which frees the connection.
    await reader.cancel().catch(() => undefined);
  }
}

/** Network failures and 5xx/429 mean the provider is unavailable; other statuses are errors of the call. */
export function classifyHttp(error: unknown): StoreFailure {
  if (error instanceof ProviderStatusError) {
    const code = `http-${error.status}`;
    return error.status >= 500 || error.status === 429 || error.status === 408 ? { kind: 'unavailable', code } : { kind: 'other', code };
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError') return { kind: 'unavailable', code: 'timeout' };
  if (error instanceof TypeError) {
    const cause = (error as { cause?: { code?: unknown } }).cause?.code;
    return { kind: 'unavailable', code: typeof cause === 'string' ? cause : 'network' };
  }
  return { kind: 'other', code: typeof name === 'string' ? name : undefined };
}

/**
 * The JSON body, or undefined when it is not JSON. A body cut short by a dropped connection is thrown as it is (the caller
 * reports the provider unavailable), never read as a malformed answer, and never as no answer.
 */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseLine(line: string, label: string): Row {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw badResponse(label, 'one JSON object per NDJSON line');
  }
  return toRow(parsed, label);
}

function toRow(value: unknown, label: string): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badResponse(label, 'rows as JSON objects');
  return normalizeRow(value as Record<string, unknown>);
}

function badResponse(label: string, expected: string): CustosError {
  return new CustosError({
    code: 'store-error',
    message: `${label}: the provider's answer is not ${expected}`,
    details: { reason: 'bad-response' },
  });
}
