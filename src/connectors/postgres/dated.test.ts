// A date pushed down to PostgreSQL, per column type: every row dated at or before the bound is read (and rows without a
// date), rows dated days after it are left in the store, and a free-text column is read whole.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrl } from '../../../test/services.js';
import type { Connector } from '../connector.js';
import { openConnector } from '../open.js';
import { collectionModel, uniqueName } from '../testing.test-support.js';

const url = serviceUrl('postgres');
const COLUMNS = ['at_zoned', 'at_naive', 'at_day', 'at_epoch', 'at_text'] as const;
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const BOUND = new Date(START + 200 * DAY + 7 * 3_600_000);

describe.skipIf(!url)('postgres dated pages', () => {
  const schema = uniqueName('dated');
  const events = collectionModel({ dataset: 'crm', name: 'events', fields: ['id', ...COLUMNS], primaryKey: ['id'] });
  let connector: Connector;
  // Row i is dated i days and i hours after START; every tenth has no date.
  const dated = (i: number) => (i % 10 === 0 ? null : START + i * DAY + (i % 24) * 3_600_000);

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema "${schema}";
        create table "${schema}".events (id integer primary key, at_zoned timestamptz, at_naive timestamp, at_day date,
          at_epoch bigint, at_text text)`);
      for (let i = 1; i <= 400; i++) {
        const at = dated(i);
        const iso = at === null ? null : new Date(at).toISOString();
        await client.query(`insert into "${schema}".events values ($1, $2, $3::timestamptz at time zone 'UTC', $4, $5, $6)`, [
          i,
          iso,
          iso,
          iso?.slice(0, 10) ?? null,
          at === null ? null : i % 2 === 0 ? Math.floor(at / 1000) : at,
          iso,
        ]);
      }
    } finally {
      await client.end();
    }
    connector = await openConnector(
      { id: 'crm', store: { kind: 'postgres', url: { env: 'CRM_DATABASE_URL' }, schema }, collections: new Map() },
      { env: { CRM_DATABASE_URL: url } },
    );
  }, 60_000);

  afterAll(async () => {
    await connector?.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema "${schema}" cascade`);
    await client.end();
  });

  it.each(COLUMNS)('reads every row of %s dated at or before the bound, in key order, and leaves later ones', async (field) => {
    const ids: number[] = [];
    for await (const page of connector.findDatedPages!({ collection: events, field, atMost: BOUND }, { batchSize: 64, fields: ['id'] }))
      for (const row of page) ids.push(Number(row.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const all = Array.from({ length: 400 }, (_, i) => i + 1);
    const due = all.filter((i) => dated(i) === null || dated(i)! <= BOUND.getTime());
    expect(ids).toEqual(expect.arrayContaining(due));
    if (field === 'at_text') expect(ids).toEqual(all);
    else expect(ids.filter((i) => dated(i)! >= BOUND.getTime() + 3 * DAY)).toEqual([]);
  });
});
