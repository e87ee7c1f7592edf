// The HTTP connector against the contract, through an in-process provider (node:http on 127.0.0.1) backed by SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../connector.js';
import { collect, describeConnectorContract } from '../contract.test-support.js';
import { HTTP_CAPABILITIES } from './connector.js';
import { connectUrl, openConnector } from '../open.js';
import { bulkPerson, collectionModel, PEOPLE, PEOPLE_FIELDS, type Person } from '../testing.test-support.js';
import { startProvider, type ProviderFixture } from './provider-fixture.test-support.js';

const SECRET = 'partner-signing-secret';
const people = collectionModel({ dataset: 'partner', name: 'people', fields: PEOPLE_FIELDS, primaryKey: ['id'] });

interface Backend {
  readonly dir: string;
  readonly file: string;
  readonly connector: Connector;
  write(rows: readonly Person[], replace: boolean): void;
}

async function createBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'custos-http-'));
  const file = join(dir, 'partner.db');
  const db = new Database(file);
  db.exec('create table people (id integer primary key, email text, status text, "order" integer, "group" text, note text)');
  db.close();
  const write = (rows: readonly Person[], replace: boolean) => {
    const writer = new Database(file);
    const insert = writer.prepare('insert into people values (?, ?, ?, ?, ?, ?)');
    writer.transaction(() => {
      if (replace) writer.exec('delete from people');
      for (const row of rows) insert.run(row.id, row.email, row.status, row.order, row.group, row.note);
    })();
    writer.close();
  };
  return { dir, file, connector: await connectUrl('sqlite', file), write };
}

function partner(url: string, variable = 'PARTNER_SECRET') {
  return { id: 'partner', store: { kind: 'http' as const, url, secret: { env: variable } }, collections: new Map() };
}

describeConnectorContract('http', HTTP_CAPABILITIES, async () => {
  const backend = await createBackend();
  const provider = await startProvider({ secret: SECRET, backend: backend.connector, collections: new Map([['people', people]]) });
  return {
    people,
    open: () => openConnector(partner(provider.url), { env: { PARTNER_SECRET: SECRET } }),
    reset: async (rows) => backend.write(rows, true),
    seedBulk: async (count) =>
      backend.write(
        Array.from({ length: count }, (_, index) => bulkPerson(index)),
        false,
      ),
    isPeople: () => false,
    dispose: async () => {
      await provider.close();
      await backend.connector.close();
      rmSync(backend.dir, { recursive: true, force: true });
    },
  };
});

describe('http connector', () => {
  let backend: Backend;
  let provider: ProviderFixture;
  let connector: Connector;

  beforeAll(async () => {
    backend = await createBackend();
    backend.write(PEOPLE, true);
    provider = await startProvider({ secret: SECRET, backend: backend.connector, collections: new Map([['people', people]]) });
    connector = await openConnector(partner(`${provider.url}/`), { env: { PARTNER_SECRET: SECRET } });
  });
  afterAll(async () => {
    await connector?.close();
    await provider?.close();
    await backend?.connector.close();
    rmSync(backend.dir, { recursive: true, force: true });
  });

  it('says it is delegated and sends the collection, the lists and the assignments', async () => {
    expect(connector.capabilities).toMatchObject({ delegated: true, transactions: false, introspection: false });
    await connector.update({ collection: people, where: { id: [1, 1, 2] } }, { note: null, status: 'closed' });
    expect(provider.requests.at(-1)).toEqual({
      operation: 'update',
      body: { collection: 'people', where: { id: [1, 2] }, set: { note: null, status: 'closed' } },
    });
  });

  it('sends an OR as one call with the array of groups, which the provider answers once per row', async () => {
    expect(
      await connector.count({ collection: people, where: [{ id: [4, 4, 5] }, { status: [] }, { email: ['barbara@example.test'] }] }),
    ).toBe(2);
    expect(provider.requests.at(-1)).toEqual({
      operation: 'count',
      body: { collection: 'people', where: [{ id: [4, 5] }, { email: ['barbara@example.test'] }] },
    });
    const sent = provider.requests.length;
    expect(await connector.count({ collection: people, where: [{ id: [] }] })).toBe(0);
    expect(provider.requests.length).toBe(sent);
  });

  it('reads a provider that answers { rows } instead of NDJSON', async () => {
    const json = await startProvider({
      secret: SECRET,
      backend: backend.connector,
      collections: new Map([['people', people]]),
      json: true,
    });
    const other = await openConnector(partner(json.url), { env: { PARTNER_SECRET: SECRET } });
    expect((await collect(other.find({ collection: people, where: { id: [3, 4] } }))).map((row) => row.id)).toEqual([3, 4]);
    await other.close();
    await json.close();
  });

  it('names the secret variable when the provider refuses the signature', async () => {
    await expect(openConnector(partner(provider.url, 'WRONG_SECRET'), { env: { WRONG_SECRET: 'not-it' } })).rejects.toMatchObject({
      code: 'config',
      message: expect.stringContaining('WRONG_SECRET'),
    });
    await expect(openConnector(partner(provider.url, 'UNSET_SECRET'), { env: {} })).rejects.toMatchObject({
      code: 'config',
      message: expect.stringContaining('UNSET_SECRET'),
    });
  });

  it('reports a failing or absent provider as unavailable', async () => {
    const failing = await startProvider({ secret: SECRET, backend: backend.connector, collections: new Map(), status: 503 });
    const other = await openConnector(partner(failing.url), { env: { PARTNER_SECRET: SECRET }, verify: false });
    await expect(other.count({ collection: people, where: { id: [1] } })).rejects.toMatchObject({ code: 'store-unavailable' });
    await other.close();
    await failing.close();
    await expect(openConnector(partner(failing.url), { env: { PARTNER_SECRET: SECRET } })).rejects.toMatchObject({
      code: 'store-unavailable',
      message: expect.stringContaining('dataset "partner"'),
    });
  });

  it('reports a provider whose answer is cut off mid-body as unavailable, never as an empty or malformed answer', async () => {
    // Answers 200, sends half an answer, then drops the connection.
    const cutting = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const ndjson = request.url?.endsWith('/find') ?? false;
        response.writeHead(200, { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json', 'content-length': '4096' });
        response.write(ndjson ? '{"id":1,"email":"ada@example.test"}\n{"id":2,' : '{"count":');
        setTimeout(() => response.socket?.destroy(), 20);
      });
    });
    await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
    const address = cutting.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const other = await openConnector(partner(url), { env: { PARTNER_SECRET: SECRET }, verify: false });
    const unavailable = { code: 'store-unavailable', message: expect.stringContaining('dataset "partner"') };
    await expect(other.count({ collection: people, where: { id: [1] } })).rejects.toMatchObject(unavailable);
    await expect(other.delete({ collection: people, where: { id: [1] } })).rejects.toMatchObject(unavailable);
    await expect(collect(other.find({ collection: people, where: { id: [1, 2] } }))).rejects.toMatchObject(unavailable);
    await other.close();
    await new Promise((resolve) => cutting.close(resolve));
  });

  it('signs with the injected clock, so a provider with another time refuses it', async () => {
    const skewed = await openConnector(partner(provider.url), {
      env: { PARTNER_SECRET: SECRET },
      now: () => Date.now() - 3_600_000,
      verify: false,
    });
    await expect(skewed.count({ collection: people, where: { id: [1] } })).rejects.toMatchObject({ code: 'config' });
    await skewed.close();
  });
});
