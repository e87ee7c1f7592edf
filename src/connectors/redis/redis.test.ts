// Redis against the connector contract (hashes keyed by id under a prefix of its own), plus each value type.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrl } from '../../../test/services.js';
import type { Connector, Selection } from '../connector.js';
import { collect, describeConnectorContract } from '../contract.test-support.js';
import { REDIS_CAPABILITIES } from './connector.js';
import { connectUrl, openConnector } from '../open.js';
import { bulkPerson, collectionModel, PEOPLE_FIELDS, uniqueName, type Person } from '../testing.test-support.js';

const url = serviceUrl('redis');

async function unlinkPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) await client.unlink(...keys);
  } while (cursor !== '0');
}

async function writePeople(client: Redis, prefix: string, rows: readonly Person[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 5000) {
    const pipeline = client.pipeline();
    for (const { id, note, ...fields } of rows.slice(start, start + 5000)) {
      pipeline.hset(`${prefix}:people:${id}`, { ...fields, ...(note === null ? {} : { note }) });
    }
    await pipeline.exec();
  }
}

describe.skipIf(!url)('redis', () => {
  const prefix = uniqueName('rd');
  let client: Redis;
  const dataset = { id: 'cache', store: { kind: 'redis' as const, url }, collections: new Map() };

  beforeAll(() => {
    client = new Redis(url!);
  });
  afterAll(async () => {
    await unlinkPrefix(client, prefix);
    await client.quit();
  });

  describeConnectorContract('redis', REDIS_CAPABILITIES, async () => ({
    people: collectionModel({ dataset: 'cache', name: 'people', fields: PEOPLE_FIELDS, key: `${prefix}:people:{id}`, type: 'hash' }),
    open: () => openConnector(dataset),
    reset: async (rows) => {
      await unlinkPrefix(client, `${prefix}:people`);
      await writePeople(client, prefix, rows);
    },
    seedBulk: (count) =>
      writePeople(
        client,
        prefix,
        Array.from({ length: count }, (_, index) => bulkPerson(index)),
      ),
    isPeople: (collection) => collection.key === `${prefix}:people:*`,
    dispose: () => unlinkPrefix(client, `${prefix}:people`),
  }));

  describe('redis connector', () => {
    let connector: Connector;
    const sessions = collectionModel({
      name: 'sessions',
      fields: ['customer_id', 'value'],
      key: `${prefix}:session:{customer}:*`,
      type: 'string',
      identity: { customer: 'customer_id' },
    });
    const newsletter = collectionModel({ name: 'newsletter', fields: ['member'], key: `${prefix}:newsletter`, type: 'set' });
    const scores = collectionModel({ name: 'scores', fields: ['member', 'score'], key: `${prefix}:scores:{game}`, type: 'zset' });
    const history = collectionModel({ name: 'history', fields: ['index', 'member'], key: `${prefix}:history:{id}`, type: 'list' });

    beforeAll(async () => {
      await client
        .multi()
        .set(`${prefix}:session:7:a`, 'token-a', 'EX', 3600)
        .set(`${prefix}:session:7:b`, 'token-b')
        .set(`${prefix}:session:8:a`, 'token-c')
        .hset(`${prefix}:session:9:a`, { not: 'a string' })
        .sadd(`${prefix}:newsletter`, 'ada@example.test', 'grace@example.test', 'alan@example.test')
        .zadd(`${prefix}:scores:chess`, 10, 'ada', 20, 'grace')
        .rpush(`${prefix}:history:1`, 'login', 'search', 'login', 'logout')
        .exec();
      connector = await connectUrl('redis', url!);
    });
    afterAll(() => connector?.close());

    it('finds string keys through an identity placeholder and a trailing wildcard', async () => {
      const rows = await collect(connector.find({ collection: sessions, where: { customer_id: ['7'] } }));
      expect(rows.map((row) => row.value).sort()).toEqual(['token-a', 'token-b']);
      expect(rows[0]).toMatchObject({ customer_id: '7', $key: expect.stringContaining(`${prefix}:session:7:`) });
      expect(await connector.count({ collection: sessions, where: { customer_id: [7, 8, 9] } })).toBe(3);
    });

    it('keeps the expiry of a string it rewrites, and deletes by customer', async () => {
      expect(await connector.update({ collection: sessions, where: { customer_id: [7] } }, { value: 'masked' })).toBe(2);
      expect(await client.get(`${prefix}:session:7:a`)).toBe('masked');
      expect(await client.ttl(`${prefix}:session:7:a`)).toBeGreaterThan(0);
      expect(await connector.delete({ collection: sessions, where: { customer_id: [8] } })).toBe(1);
      expect(await client.exists(`${prefix}:session:8:a`, `${prefix}:session:9:a`)).toBe(1);
    });

    it('gives one row per set member, and removes or renames one member', async () => {
      const found = await collect(
        connector.find({ collection: newsletter, where: { member: ['grace@example.test', 'nobody@example.test'] } }),
      );
      expect(found).toEqual([{ $key: `${prefix}:newsletter`, member: 'grace@example.test' }]);
      expect(await connector.delete({ collection: newsletter, where: { member: ['grace@example.test'] } })).toBe(1);
      expect(
        await connector.update({ collection: newsletter, where: { member: ['ada@example.test'] } }, { member: 'ada@lovelace.test' }),
      ).toBe(1);
      expect((await client.smembers(`${prefix}:newsletter`)).sort()).toEqual(['ada@lovelace.test', 'alan@example.test']);
    });

    it('reads zset members with their scores and rescores one', async () => {
      const rows = await collect(connector.find({ collection: scores, where: { game: ['chess'] } }));
      expect(rows).toEqual([
        { $key: `${prefix}:scores:chess`, game: 'chess', member: 'ada', score: 10 },
        { $key: `${prefix}:scores:chess`, game: 'chess', member: 'grace', score: 20 },
      ]);
      expect(await connector.update({ collection: scores, where: { game: ['chess'], member: ['ada'] } }, { score: 30 })).toBe(1);
      expect(await client.zscore(`${prefix}:scores:chess`, 'ada')).toBe('30');
    });

    it('removes list entries by value at their exact positions', async () => {
      expect(await connector.delete({ collection: history, where: { id: [1], member: ['login'] } })).toBe(2);
      expect(await client.lrange(`${prefix}:history:1`, 0, -1)).toEqual(['search', 'logout']);
    });

    it('ORs groups over members: each member once, and a list changed at the positions the union had', async () => {
      const tags = collectionModel({ name: 'tags', fields: ['member'], key: `${prefix}:tags:{id}`, type: 'set' });
      const visits = collectionModel({ name: 'visits', fields: ['index', 'member'], key: `${prefix}:visits:{id}`, type: 'list' });
      await client
        .multi()
        .sadd(`${prefix}:tags:1`, 'a', 'b', 'c')
        .sadd(`${prefix}:tags:2`, 'a')
        .rpush(`${prefix}:visits:1`, 'x', 'y', 'x', 'z')
        .exec();
      const either: Selection = { collection: tags, where: [{ id: [1], member: ['a', 'b'] }, { member: ['a'] }] };
      const found = await collect(connector.find(either));
      expect(found.map((row) => `${row.id}:${row.member}`).sort()).toEqual(['1:a', '1:b', '2:a']);
      expect(await connector.count(either)).toBe(3);
      const seen: Selection = { collection: visits, where: [{ member: ['x'] }, { index: [0, 1] }] };
      expect(await connector.count(seen)).toBe(3);
      expect(await connector.update(seen, { member: 'seen' })).toBe(3);
      expect(await client.lrange(`${prefix}:visits:1`, 0, -1)).toEqual(['seen', 'seen', 'seen', 'z']);
      expect(await connector.delete({ collection: visits, where: [{ member: ['seen'] }, { index: [3], id: [1] }] })).toBe(4);
      expect(await client.exists(`${prefix}:visits:1`)).toBe(0);
    });

    it('ORs groups of exact keys and placeholders, each key once', async () => {
      const [row] = await collect(connector.find({ collection: sessions, where: { customer_id: [7], value: ['masked'] } }));
      const either: Selection = { collection: sessions, where: [{ $key: [row!.$key!] }, { customer_id: [7] }] };
      expect(await connector.count(either)).toBe(2);
      expect(await connector.update(either, { value: 'again' })).toBe(2);
      expect(await connector.count({ collection: sessions, where: { value: ['again'] } })).toBe(2);
      await expect(connector.delete({ collection: sessions, where: [] })).rejects.toMatchObject({ code: 'invalid-input' });
    });

    it('refuses a write on an empty list of exact keys, naming the collection', async () => {
      const refused = { code: 'invalid-input', message: expect.stringContaining(sessions.qualifiedName) };
      await expect(connector.delete({ collection: sessions, where: { $key: [] } })).rejects.toMatchObject(refused);
      await expect(connector.update({ collection: sessions, where: [{ $key: [] }] }, { value: 'x' })).rejects.toMatchObject(refused);
      await expect(connector.delete({ collection: sessions, where: { $key: ['k'], value: [] } })).rejects.toMatchObject(refused);
      expect(await connector.count({ collection: sessions, where: { customer_id: [7] } })).toBe(2);
    });

    it('selects exact keys with $key, as a find returned them', async () => {
      const [row] = await collect(connector.find({ collection: sessions, where: { customer_id: [7] } }));
      expect(await connector.count({ collection: sessions, where: { $key: [row!.$key!, `${prefix}:elsewhere`] } })).toBe(1);
    });

    describe('with a key index', () => {
      const tokens = collectionModel({
        name: 'tokens',
        fields: ['customer_id', 'id', 'label'],
        key: `${prefix}:token:{customer}:{id}`,
        keyIndex: `${prefix}:tokens_of:{customer}`,
        type: 'hash',
        identity: { customer: 'customer_id' },
      });
      const key = (customer: number, id: number) => `${prefix}:token:${customer}:${id}`;

      beforeAll(async () => {
        await client
          .multi()
          .hset(key(7, 1), { label: 'laptop' })
          .hset(key(7, 2), { label: 'phone' })
          .hset(key(7, 9), { label: 'never indexed' })
          .hset(key(8, 1), { label: 'other customer' })
          // Listed: two live keys, one gone, one key of another collection.
          .sadd(`${prefix}:tokens_of:7`, key(7, 1), key(7, 2), key(7, 3), `${prefix}:session:7:a`)
          .sadd(`${prefix}:tokens_of:8`, key(8, 1))
          .set(`${prefix}:tokens_of:6`, 'not a set')
          .exec();
      });

      it('reads the keys of a placeholder value from its set, skipping members that are gone or not of the collection', async () => {
        const rows = await collect(connector.find({ collection: tokens, where: { customer_id: [7] } }));
        expect(rows.map((row) => row.label).sort()).toEqual(['laptop', 'phone']);
        expect(await connector.count({ collection: tokens, where: { customer_id: [7, 8] } })).toBe(3);
        // The set is trusted: a key it does not list is not reached through it …
        expect(await connector.count({ collection: tokens, where: { customer_id: [7], label: ['never indexed'] } })).toBe(0);
        // … while a selection on another placeholder scans the keyspace as before.
        expect(await collect(connector.find({ collection: tokens, where: { id: [9] } }))).toMatchObject([{ label: 'never indexed' }]);
      });

      it('erases the keys it reads from a set, and takes them out of it', async () => {
        expect(await connector.delete({ collection: tokens, where: { customer_id: [7] } })).toBe(2);
        expect(await client.exists(key(7, 1), key(7, 2), key(7, 9), key(8, 1))).toBe(2);
        // Members it did not delete stay: Custos never touches what the selection did not name.
        expect((await client.smembers(`${prefix}:tokens_of:7`)).sort()).toEqual([`${prefix}:session:7:a`, key(7, 3)].sort());
        expect(await connector.delete({ collection: tokens, where: [{ customer_id: [8] }, { id: [9] }] })).toBe(2);
        expect(await client.exists(`${prefix}:tokens_of:8`)).toBe(0);
      });

      it('reads a set larger than a batch in steps, each key once', async () => {
        const keys = Array.from({ length: 2500 }, (_, i) => key(5, 100 + i));
        const pipeline = client.pipeline();
        for (const k of keys) pipeline.hset(k, { label: 'bulk' });
        pipeline.sadd(`${prefix}:tokens_of:5`, ...keys);
        await pipeline.exec();
        const rows = await collect(connector.find({ collection: tokens, where: { customer_id: [5] } }, { batchSize: 300 }));
        expect(new Set(rows.map((row) => row.$key)).size).toBe(2500);
        expect(rows).toHaveLength(2500);
        expect(await connector.delete({ collection: tokens, where: { customer_id: [5] } })).toBe(2500);
        expect(await client.exists(`${prefix}:tokens_of:5`)).toBe(0);
      });

      it('takes a set, list or sorted set its removals emptied out of its index set, and leaves those still holding members', async () => {
        const carts = collectionModel({
          name: 'carts',
          fields: ['customer_id', 'cart', 'member'],
          key: `${prefix}:cart:{customer}:{cart}`,
          keyIndex: `${prefix}:carts_of:{customer}`,
          type: 'set',
          identity: { customer: 'customer_id' },
        });
        const cart = (id: string) => `${prefix}:cart:4:${id}`;
        await client
          .multi()
          .sadd(cart('a'), 'gift-card')
          .sadd(cart('b'), 'gift-card', 'vps-s')
          .sadd(`${prefix}:carts_of:4`, cart('a'), cart('b'))
          .exec();
        expect(await connector.delete({ collection: carts, where: { customer_id: [4], member: ['gift-card'] } })).toBe(2);
        expect(await client.exists(cart('a'), cart('b'))).toBe(1);
        expect(await client.smembers(`${prefix}:carts_of:4`)).toEqual([cart('b')]);
        expect(await collect(connector.find({ collection: carts, where: { customer_id: [4] } }))).toMatchObject([{ member: 'vps-s' }]);
      });

      it('says which key index is not a set, without the value that named it', async () => {
        const error = await collect(connector.find({ collection: tokens, where: { customer_id: [6] } })).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining(`${prefix}:tokens_of:{customer_id}`) });
        expect((error as Error).message).not.toContain('tokens_of:6');
      });
    });

    it('refuses to set a field that is part of the key', async () => {
      await expect(connector.update({ collection: sessions, where: { customer_id: [7] } }, { customer_id: '8' })).rejects.toMatchObject({
        code: 'invalid-input',
      });
    });

    it('introspects key patterns with their types, and sets that index another pattern', async () => {
      await client
        .multi()
        .hset(`${prefix}:device:1:10`, { name: 'laptop' })
        .hset(`${prefix}:device:1:11`, { name: 'phone' })
        .sadd(`${prefix}:devices_of:1`, `${prefix}:device:1:10`, `${prefix}:device:1:11`)
        .exec();
      const collections = await connector.introspect({ sampleSize: 2 });
      const byKey = new Map(collections.map((collection) => [collection.key, collection]));
      expect(byKey.get(`${prefix}:devices_of:*`)).toMatchObject({ type: 'set', lists: `${prefix}:device:*:*` });
      expect(byKey.get(`${prefix}:device:*:*`)).toMatchObject({ type: 'hash', listedBy: `${prefix}:devices_of:*` });
      expect(byKey.get(`${prefix}:newsletter`)?.lists).toBeUndefined();
      expect(byKey.get(`${prefix}:scores:chess`)).toMatchObject({ type: 'zset', columns: [{ name: 'member' }, { name: 'score' }] });
      expect(byKey.get(`${prefix}:history:*`)).toMatchObject({ type: 'list' });
    });

    it('reports a down server as unavailable without the password', async () => {
      const down = { id: 'cache', store: { kind: 'redis' as const, url: 'redis://:hunter2@127.0.0.1:1/0' }, collections: new Map() };
      const error = await openConnector(down).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'store-unavailable', message: expect.stringContaining('dataset "cache"') });
      expect((error as Error).message).not.toContain('hunter2');
    });
  });
});
