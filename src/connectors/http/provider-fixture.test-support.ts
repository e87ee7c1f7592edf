// A provider's side of the HTTP protocol, for tests: a node:http server on 127.0.0.1 that checks signatures and answers from a
// Connector; protocol 2 (ping declares `list` and limits) unless told to speak protocol 1, with failures injected on demand.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCustosError } from '../../errors.js';
import type { CollectionModel } from '../../policy/index.js';
import type { Connector, Row, Selection, Value } from '../connector.js';
import { toKeyValue } from '../row-keys.js';
import { jsonReplacer } from '../values.js';
import { PROTOCOL_2_OPERATIONS } from './discovery.js';
import type { ListBody } from './listing.js';
import type { CallBody } from './protocol.js';
import { CUSTOS_SIGNATURE_HEADER, verifyCustosSignature } from './signature.js';

export interface ProviderOptions {
  readonly secret: string;
  /** Where the provider keeps its data. */
  readonly backend: Connector;
  readonly collections: ReadonlyMap<string, CollectionModel>;
  /** Answer finds as one `{ rows }` document instead of NDJSON (default false). */
  readonly json?: boolean;
  /** Forces a status for every call, to test failures. */
  readonly status?: number;
  /** 1: ping answers `{ ok: true }` and `list` is unknown, as before protocol 2 (default 2). */
  readonly protocol?: 1 | 2;
  /** Protocol 2's declared `limits.page` and `limits.keys` (default: none declared). */
  readonly pageLimit?: number;
  readonly keysLimit?: number;
}

/** A failure armed for one call: the `call`-th call of `operation` from now (1: the next). */
export interface InjectedFailure {
  readonly operation: string;
  readonly call: number;
  /** true: the provider does the work, then drops the connection before answering (the answer is lost); false: 503. */
  readonly applied: boolean;
}

export interface ProviderFixture {
  readonly url: string;
  /** Parsed bodies received, with their operation. */
  readonly requests: { readonly operation: string; readonly body: unknown }[];
  /** Arms one failure; it fires once. */
  inject(failure: InjectedFailure): void;
  close(): Promise<void>;
}

interface Armed {
  readonly failure: InjectedFailure;
  seen: number;
}

/** Starts the provider on an ephemeral port. */
export async function startProvider(options: ProviderOptions): Promise<ProviderFixture> {
  const requests: ProviderFixture['requests'] = [];
  const armed: Armed[] = [];
  const server = createServer((request, response) => {
    handle(options, requests, armed, request, response).catch((error: unknown) => {
      if (!response.headersSent) respond(response, isCustosError(error) && error.code === 'invalid-input' ? 400 : 500, { error: 'failed' });
      else response.destroy();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject: (failure) => armed.push({ failure, seen: 0 }),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

async function handle(
  options: ProviderOptions,
  requests: ProviderFixture['requests'],
  armed: Armed[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const header = request.headers[CUSTOS_SIGNATURE_HEADER.toLowerCase()];
  if (!verifyCustosSignature(options.secret, typeof header === 'string' ? header : undefined, raw, Date.now() / 1000)) {
    return respond(response, 401, { error: 'bad signature' });
  }
  if (options.status) return respond(response, options.status, { error: 'forced' });
  const operation = (request.url ?? '').replace(/^\/custos\//, '');
  const body = JSON.parse(raw.toString('utf8')) as CallBody;
  requests.push({ operation, body });
  const fired = firing(armed, operation);
  if (fired?.applied === false) return respond(response, 503, { error: 'injected' });
  // The work is done, then the answer is lost: Custos must not tell this from a call that did nothing.
  const answer = fired ? lostAnswer(response) : response;
  if (operation === 'ping') return respond(answer, 200, pingAnswer(options));
  const collection = options.collections.get(body.collection);
  if (!collection) return respond(answer, 404, { error: 'unknown collection' });
  if (operation === 'list') {
    if (options.protocol === 1) return respond(answer, 404, { error: 'unknown operation' });
    return listPage(options, answer, collection, body as unknown as ListBody);
  }
  // An array of groups is an OR: the backend connector runs it as one statement and returns a row several groups match once.
  if (!isWhere(body.where)) return respond(response, 400, { error: 'where must be an object of lists or an array of them' });
  const selection: Selection = { collection, where: body.where };
  const { backend } = options;
  switch (operation) {
    case 'find':
      return streamRows(options, answer, backend.find(selection, { fields: body.fields, batchSize: body.batchSize }));
    case 'count':
      return respond(answer, 200, { count: await backend.count(selection) });
    case 'update':
      return respond(answer, 200, { count: await backend.update(selection, body.set ?? {}) });
    case 'delete':
      return respond(answer, 200, { count: await backend.delete(selection) });
    default:
      return respond(answer, 404, { error: 'unknown operation' });
  }
}

function pingAnswer(options: ProviderOptions): unknown {
  if (options.protocol === 1) return { ok: true };
  const limits = { page: options.pageLimit, keys: options.keysLimit };
  return { protocol: 2, operations: PROTOCOL_2_OPERATIONS, limits };
}

/** The armed failure this call fires, if any (each counts the calls of its operation since it was armed). */
function firing(armed: Armed[], operation: string): InjectedFailure | undefined {
  for (const [index, entry] of armed.entries()) {
    if (entry.failure.operation !== operation || ++entry.seen < entry.failure.call) continue;
    armed.splice(index, 1);
    return entry.failure;
  }
  return undefined;
}

/** A response whose answer never arrives: headers and body are dropped, and the connection with them. */
function lostAnswer(response: ServerResponse): ServerResponse {
  return new Proxy(response, {
    get(target, property) {
      if (property === 'writeHead') return () => target;
      if (property === 'write') return () => true;
      if (property === 'end') return () => target.socket?.destroy();
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** One `list` page: the rows after `after` in key order, at most `limit` (or the declared page limit, if smaller). */
async function listPage(
  options: ProviderOptions,
  response: ServerResponse,
  collection: Selection['collection'],
  body: ListBody,
): Promise<void> {
  const limit = Math.min(body.limit, options.pageLimit ?? body.limit);
  const rows: Row[] = [];
  for await (const row of options.backend.find({ collection, where: {} }, { fields: body.fields })) rows.push(row);
  const keyOf = (row: Row) => body.key.map((field) => row[field] ?? null);
  rows.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const after = body.after;
  const page = rows.filter((row) => after === undefined || compareKeys(keyOf(row), after) > 0).slice(0, limit);
  return streamRows(options, response, toAsync(page));
}

function compareKeys(a: readonly Value[], b: readonly Value[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = toKeyValue(a[i] ?? null);
    const y = toKeyValue(b[i] ?? null);
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

async function* toAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** `{ field: [values] }`, or an array of those (OR); values as JSON carries them. */
function isWhere(where: unknown): where is CallBody['where'] {
  const isGroup = (group: unknown) =>
    typeof group === 'object' && group !== null && !Array.isArray(group) && Object.values(group).every((values) => Array.isArray(values));
  return Array.isArray(where) ? where.every(isGroup) : isGroup(where);
}

/** NDJSON written with backpressure: the provider never holds more than the socket buffer. */
async function streamRows(options: ProviderOptions, response: ServerResponse, rows: AsyncIterable<object>): Promise<void> {
  if (options.json) {
    const all: object[] = [];
    for await (const row of rows) all.push(row);
    return respond(response, 200, { rows: all });
  }
  const gone = new AbortController();
  response.on('close', () => gone.abort());
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for await (const row of rows) {
    if (gone.signal.aborted) return;
    if (!response.write(`${JSON.stringify(row, jsonReplacer)}\n`))
      await once(response, 'drain', { signal: gone.signal }).catch(() => undefined);
  }
  response.end();
}

function respond(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
