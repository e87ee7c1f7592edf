// Protocol 2 of the HTTP connector: what ping declares, whole collections read in `list` pages (refused on a protocol 1
// provider, stopped on a provider whose pages do not move forward), and writes cut to the provider's `limits.keys`.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../connector.js';
import { collect } from '../contract.test-support.js';
import { connectUrl, openConnector } from '../open.js';
import { collectionModel, PEOPLE, PEOPLE_FIELDS } from '../testing.test-support.js';
import { startProvider, type ProviderFixture, type ProviderOptions } from './provider-fixture.test-support.js';

const SECRET = 'partner-signing-secret';
const people = collectionModel({ dataset: 'partner', name: 'people', fields: PEOPLE_FIELDS, primaryKey: ['id'] });
const partner = (url: string) => ({
  id: 'partner',
  store: { kind: 'http' as const, url, secret: { env: 'PARTNER_SECRET' } },
  collections: new Map(),
});
const open = (url: string, verify = true) => openConnector(partner(url), { env: { PARTNER_SECRET: SECRET }, verify });

let dir: string;
let backend: Connector;
const started: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custos-http-list-'));
  const file = join(dir, 'partner.db');
  const db = new Database(file);
  db.exec('create table people (id integer primary key, email text, status text, "order" integer, "group" text, note text)');
  const insert = db.prepare('insert into people values (?, ?, ?, ?, ?, ?)');
  for (const p of PEOPLE) insert.run(p.id, p.email, p.status, p.order, p.group, p.note);
  db.close();
  backend = await connectUrl('sqlite', file);
});
afterAll(async () => {
  for (const s of started.splice(0).reverse()) await s.close();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

async function provider(options: Omit<ProviderOptions, 'secret' | 'backend' | 'collections'> = {}): Promise<ProviderFixture> {
  const fixture = await startProvider({ ...options, secret: SECRET, backend, collections: new Map([['people', people]]) });
  started.push(fixture);
  return fixture;
}

async function connector(url: string, verify = true): Promise<Connector> {
  const opened = await open(url, verify);
  started.push(opened);
  return opened;
}

/** A provider that declares protocol 2 and answers every `list` with the same first page, whatever `after` says. */
async function stuckProvider(): Promise<string> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const list = request.url?.endsWith('/list') ?? false;
      response.end(JSON.stringify(list ? { rows: [{ id: 1 }, { id: 2 }] } : { protocol: 2, operations: ['list'], limits: { page: 2 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  started.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('http protocol 2', () => {
  it('reads a whole collection in list pages of the declared size, each after the last key, with only the fields asked', async () => {
    const fixture = await provider({ pageLimit: 2 });
    const other = await connector(fixture.url, false);
    const rows = await collect(other.find({ collection: people, where: {} }, { fields: ['email'] }));
    expect(rows).toEqual(PEOPLE.map((p) => ({ email: p.email })));
    const lists = fixture.requests.filter((r) => r.operation === 'list').map((r) => r.body);
    // Opened without a ping: the first whole read asks the provider what it speaks.
    expect(fixture.requests[0]?.operation).toBe('ping');
    expect(lists[0]).toEqual({ collection: 'people', fields: ['id', 'email'], key: ['id'], limit: 2 });
    expect(lists.map((b) => (b as { after?: unknown }).after)).toEqual(
      Array.from({ length: Math.floor(PEOPLE.length / 2) + 1 }, (_, i) => (i === 0 ? undefined : [PEOPLE[i * 2 - 1]?.id])),
    );
  });

  it('refuses a whole read from a protocol 1 provider, naming the operation to implement, and sends no find for it', async () => {
    const fixture = await provider({ protocol: 1 });
    const other = await connector(fixture.url);
    await expect(collect(other.find({ collection: people, where: {} }))).rejects.toMatchObject({
      code: 'precondition-failed',
      message: expect.stringContaining('implement the list operation of protocol 2'),
    });
    expect(fixture.requests.map((r) => r.operation)).toEqual(['ping']);
    // Finds by value still work as they always did.
    expect(await collect(other.find({ collection: people, where: { id: [1] } }))).toHaveLength(1);
  });

  it('stops, as a bad answer, a listing whose pages do not move forward', async () => {
    const other = await connector(await stuckProvider());
    await expect(collect(other.find({ collection: people, where: {} }))).rejects.toMatchObject({
      code: 'store-error',
      details: { reason: 'bad-response' },
    });
  });

  it('cuts a delete to the declared limits.keys and counts the pieces together; a resent delete counts none', async () => {
    const fixture = await provider({ keysLimit: 2 });
    const other = await connector(fixture.url);
    const ids = PEOPLE.slice(0, 5).map((p) => p.id);
    const before = fixture.requests.length;
    expect(await other.count({ collection: people, where: { id: ids } })).toBe(5);
    expect(await other.update({ collection: people, where: { id: ids } }, { note: 'kept' })).toBe(5);
    const updates = fixture.requests.slice(before).filter((r) => r.operation === 'update');
    expect(updates.map((r) => (r.body as { where: { id: unknown[] } }).where.id)).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    expect(await other.delete({ collection: people, where: { id: ids } })).toBe(5);
    expect(await other.delete({ collection: people, where: { id: ids } })).toBe(0);
  });

  it('refuses a ping answer that declares a protocol in a shape it cannot read', async () => {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ protocol: 2, operations: 'list' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    started.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const address = server.address();
    await expect(open(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)).rejects.toMatchObject({
      code: 'store-unavailable',
    });
  });
});
