// A provider's side of the HTTP protocol, for tests: a node:http server on 127.0.0.1 that checks signatures and answers from a Connector.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCustosError } from '../../errors.js';
import type { CollectionModel } from '../../policy/index.js';
import type { Connector, Selection } from '../connector.js';
import { jsonReplacer } from '../values.js';
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
}

export interface ProviderFixture {
  readonly url: string;
  /** Parsed bodies received, with their operation. */
  readonly requests: { readonly operation: string; readonly body: unknown }[];
  close(): Promise<void>;
}

/** Starts the provider on an ephemeral port. */
export async function startProvider(options: ProviderOptions): Promise<ProviderFixture> {
  const requests: ProviderFixture['requests'] = [];
  const server = createServer((request, response) => {
    handle(options, requests, request, response).catch((error: unknown) => {
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
  if (operation === 'ping') return respond(response, 200, { ok: true });
  const collection = options.collections.get(body.collection);
  if (!collection) return respond(response, 404, { error: 'unknown collection' });
  // An array of groups is an OR: the backend connector runs it as one statement and returns a row several groups match once.
  if (!isWhere(body.where)) return respond(response, 400, { error: 'where must be an object of lists or an array of them' });
  const selection: Selection = { collection, where: body.where };
  const { backend } = options;
  switch (operation) {
    case 'find':
      return streamRows(options, response, backend.find(selection, { fields: body.fields, batchSize: body.batchSize }));
    case 'count':
      return respond(response, 200, { count: await backend.count(selection) });
    case 'update':
      return respond(response, 200, { count: await backend.update(selection, body.set ?? {}) });
    case 'delete':
      return respond(response, 200, { count: await backend.delete(selection) });
    default:
      return respond(response, 404, { error: 'unknown operation' });
  }
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
