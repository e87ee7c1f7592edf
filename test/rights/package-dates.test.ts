// Dates in the access package: SQLite and PostgreSQL stores of the same data give the same ISO 8601 values.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../src/connectors/testing.test-support.js';
import { compilePolicy, type PolicyModel } from '../../src/policy/index.js';
import { normalizeIdentities } from '../../src/rights/index.js';
import { writeAccessPackage } from '../../src/rights/package/index.js';
import { readZip } from '../../src/rights/package/package.test-support.js';
import { serviceUrl } from '../services.js';
import { testContext } from './context.js';
import { testOrganization } from '../manifest-header.js';

const manifest = (store: string) => `
${testOrganization('Dates Test', 'dates')}
identities:
  email: { type: email }
subjects:
  member: { name: Members }
locations:
  hosting: [{ name: Paris, country: FR, primary: true }]
retention:
  account: { duration: P1Y, trigger: collected }
purposes:
  membership:
    name: Membership
    description: Runs the membership
    legalBasis: contract
    subjects: [member]
    categories: [user.contact.email, user.identity.birthdate]
    retention: account
datasets:
  club:
    store: ${store}
    collections:
      members:
        timestamps: { collected: joined_at }
        fields:
          id: { type: integer }
          email: { category: user.contact.email, type: email, identity: email }
          joined_at: { type: datetime }
          seen_at: { type: datetime }
          born_on: { category: user.identity.birthdate, type: date }
`;

/** Ada's row as every engine's package must write it. */
const EXPECTED = [
  { id: 1, email: 'ada@example.com', joined_at: '2022-03-11T00:00:00.000Z', seen_at: '2022-03-11T09:30:00.000Z', born_on: '1990-05-17' },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folder(name: string): string {
  const dir = join(process.cwd(), 'test/.tmp', `${name}-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

function compile(dir: string, store: string): PolicyModel {
  const result = compilePolicy([{ path: 'dates.yaml', text: manifest(store) }], { baseDir: dir, now: new Date('2026-11-23T00:00:00Z') });
  if (!result.model || !result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  return result.model;
}

/** The rows of the package's data file for the members collection. */
async function packagedMembers(dir: string, model: PolicyModel): Promise<unknown> {
  const ctx = testContext({ dir, model });
  const out = join(dir, 'access.zip');
  try {
    await writeAccessPackage(
      ctx,
      { id: 'req-dates', identities: normalizeIdentities(model, new Map([['email', ['ada@example.com']]])) },
      { out },
    );
  } finally {
    await ctx.close();
  }
  return JSON.parse((await readZip(out)).get('data/club.members.json')?.toString('utf8') ?? 'null');
}

describe('dates in the access package', () => {
  it('are ISO 8601 from SQLite text', async () => {
    const dir = folder('dates-sqlite');
    const db = new Database(join(dir, 'club.db'));
    db.exec('CREATE TABLE members (id INTEGER PRIMARY KEY, email TEXT, joined_at TEXT, seen_at TEXT, born_on TEXT)');
    // SQLite's own datetime() form, an offset, and a plain day: as applications write them.
    db.prepare('INSERT INTO members VALUES (1, ?, ?, ?, ?)').run(
      'ada@example.com',
      '2022-03-11 00:00:00',
      '2022-03-11T10:30:00+01:00',
      '1990-05-17',
    );
    db.close();
    expect(await packagedMembers(dir, compile(dir, '{ kind: sqlite, file: club.db }'))).toEqual(EXPECTED);
  });

  const url = serviceUrl('postgres');
  it.skipIf(!url)('are the same ISO 8601 values from PostgreSQL timestamp, timestamptz and date columns', async () => {
    const dir = folder('dates-postgres');
    const schema = uniqueName('dates');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema "${schema}";
        create table "${schema}".members (id integer primary key, email text, joined_at timestamp, seen_at timestamptz, born_on date);
        insert into "${schema}".members values (1, 'ada@example.com', '2022-03-11 00:00:00', '2022-03-11 10:30:00+01', '1990-05-17')`);
      const store = `{ kind: postgres, url: { env: CUSTOS_TEST_POSTGRES_URL }, schema: ${schema} }`;
      expect(await packagedMembers(dir, compile(dir, store))).toEqual(EXPECTED);
    } finally {
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});
