// `custos users`, `keys`, `audit` and `requests` as an administrator runs them on a store file: passwords and keys
// printed once and stored only hashed, a tampered audit log named at its entry, requests with their days left.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeySecretHash, findApiKey, verifyPassword } from '../../src/server/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { request } from '../../src/workflow/requests.test-support.js';
import { serviceUrl } from '../services.js';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custos-cli-staff-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stores = 0;
/** A store file of its own for each test. */
const newStore = () => join(dir, `custos-${++stores}.db`);
const custos = (store: string, args: string[], input?: string) =>
  runCli([...args, '--store', store], { cwd: dir, ...(input === undefined ? {} : { input }) });
async function withStore<T>(file: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = openSqliteStore(file);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
const noTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at |unexpected error/m);

describe('custos users', { timeout: 120_000 }, () => {
  it('adds a user with a password printed once that verifies against the stored argon2id hash; list shows no hash', async () => {
    const store = newStore();
    const added = await custos(store, ['users', 'add', 'Ada@Example.com', '--role', 'officer']);
    expect(added.status).toBe(0);
    const password = /^password: (\S+)$/m.exec(added.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(added.stdout).toContain('shown once');
    const user = await withStore(store, (s) => s.users.byEmail('ada@example.com'));
    expect(user).toMatchObject({ email: 'Ada@Example.com', role: 'officer', disabled: false });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user!.passwordHash, password!)).toBe(true);
    expect(await verifyPassword(user!.passwordHash, `${password!}x`)).toBe(false);

    const list = await custos(store, ['users', 'list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${user!.id}\\s+Ada@Example\\.com\\s+officer\\s+none\\s+active\\s`, 'm'));
    expect(list.stdout).not.toContain('argon2');
    expect(list.stdout).not.toContain(password!);
  });

  it('reads a password from stdin, refusing a short one before anything is stored, and a second account for one address', async () => {
    const store = newStore();
    const short = await custos(store, ['users', 'add', 'grace@example.com', '--role', 'admin', '--password-stdin'], 'too short\n');
    expect(short.status).toBe(2);
    expect(short.stderr).toBe('custos: the password is too short (9 characters): a staff password has at least 12\n');
    expect(short.stdout).toBe('');
    expect(existsSync(store)).toBe(false);
    const chosen = 'a passphrase of my own choosing';
    const added = await custos(store, ['users', 'add', 'grace@example.com', '--role', 'admin', '--password-stdin'], `${chosen}\n`);
    expect(added.status).toBe(0);
    expect(added.stdout).not.toContain('password:');
    expect(added.stdout).not.toContain(chosen);
    const grace = await withStore(store, (s) => s.users.byEmail('grace@example.com'));
    expect(await verifyPassword(grace?.passwordHash, chosen)).toBe(true);
    const again = await custos(store, ['users', 'add', 'GRACE@example.com', '--role', 'analyst']);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(
      'custos: a staff user with this e-mail address (in any case) already exists: `custos users list` shows them\n',
    );
    const wrongRole = await custos(store, ['users', 'add', 'x@example.com', '--role', 'agent']);
    expect(wrongRole.status).toBe(2);
    expect(wrongRole.stderr).toContain('Allowed choices are admin, officer, analyst, auditor');
  });

  it('disables a user: its sessions end, list says so, and an unknown address is a one-line error', async () => {
    const store = newStore();
    await custos(store, ['users', 'add', 'ada@example.com', '--role', 'analyst']);
    const id = await withStore(store, async (s) => {
      const ada = (await s.users.byEmail('ada@example.com'))!;
      const session = { staffId: ada.id, stage: 'complete', csrfSecret: 'c', createdAt: new Date(), lastSeenAt: new Date() } as const;
      await s.staffSessions.create({ ...session, idHash: 'h1' });
      await s.staffSessions.create({ ...session, idHash: 'h2' });
      return ada.id;
    });
    const disabled = await custos(store, ['users', 'disable', 'ADA@example.com']);
    expect(disabled.status).toBe(0);
    expect(disabled.stdout).toBe(`disabled ${id} (ada@example.com); 2 sessions ended\n`);
    expect(await withStore(store, (s) => s.staffSessions.get('h1'))).toBeUndefined();
    expect((await custos(store, ['users', 'list'])).stdout).toMatch(/analyst\s+none\s+disabled/);
    const unknown = await custos(store, ['users', 'disable', 'nobody@example.com']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('custos: no staff user has this e-mail address: `custos users list` shows them\n');
  });
});

describe('custos keys', { timeout: 120_000 }, () => {
  it('creates a key printed once whose secret only a hash of is stored, lists it, and revokes it', async () => {
    const store = newStore();
    const created = await custos(store, ['keys', 'create', '--scope', 'requests:create,requests:read']);
    expect(created.status).toBe(0);
    const key = /^key: (ck_([0-9a-f]{16})_(\S{43}))$/m.exec(created.stdout);
    expect(key).not.toBeNull();
    const [, full, id, secret] = key!;
    const stored = await withStore(store, (s) => s.apiKeys.get(id!));
    expect(stored).toMatchObject({ id, scopes: ['requests:create', 'requests:read'], secretHash: apiKeySecretHash(secret!) });
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(await withStore(store, (s) => findApiKey(s.apiKeys, full!))).toMatchObject({ id });

    const list = await custos(store, ['keys', 'list']);
    expect(list.stdout).toMatch(new RegExp(`^${id}\\s+requests:create,requests:read\\s+\\S+\\s+-\\s+active$`, 'm'));
    expect(list.stdout).not.toContain(secret);

    const revoked = await custos(store, ['keys', 'revoke', id!]);
    expect([revoked.status, revoked.stdout]).toEqual([0, `revoked API key ${id}\n`]);
    expect((await custos(store, ['keys', 'list'])).stdout).toMatch(new RegExp(`^${id}\\s.*revoked \\d{4}-`, 'm'));
    expect(await withStore(store, (s) => findApiKey(s.apiKeys, full!))).toBeUndefined();
    const twice = await custos(store, ['keys', 'revoke', id!]);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(new RegExp(`^custos: API key ${id} was already revoked on \\d{4}-`));
    const unknownScope = await custos(store, ['keys', 'create', '--scope', 'requests:delete']);
    expect(unknownScope.status).toBe(2);
    expect(unknownScope.stderr).toBe(
      'custos: --scope: unknown scope "requests:delete"; use requests:create, requests:read (comma-separated)\n',
    );
  });
});

describe('custos audit', { timeout: 120_000 }, () => {
  it('verifies a sound log and its anchor, then names the entry whose row was edited by SQL and exits 1', async () => {
    const store = newStore();
    await custos(store, ['users', 'add', 'ada@example.com', '--role', 'officer']);
    await custos(store, ['keys', 'create', '--scope', 'requests:read']);
    await custos(store, ['users', 'add', 'bob@example.com', '--role', 'auditor']);
    const anchorFile = join(dir, 'anchor.json');
    const anchored = await custos(store, ['audit', 'anchor', '-o', anchorFile]);
    expect(anchored.status).toBe(0);
    const sound = await custos(store, ['audit', 'verify', '--anchor', anchorFile]);
    expect(sound.status).toBe(0);
    expect(sound.stdout).toMatch(
      /^audit log intact: 3 entries; head: entry 3, hash [0-9a-f]{64}, appended .*; anchor at entry 3 matches\n$/,
    );

    // Someone with the database file drops the append-only trigger and edits the second entry.
    const db = new Database(store);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec(`UPDATE audit_log SET details = '{"scopes":["requests:create"]}' WHERE seq = 2`);
    db.close();
    const tampered = await custos(store, ['audit', 'verify']);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toBe('');
    expect(tampered.stderr).toBe(
      'custos: the audit log is not intact at entry 2 (altered): entry 2 was altered: its hash does not match its content; 1 entries before it verified\n',
    );
    noTrace(tampered.stderr);

    writeFileSync(join(dir, 'not-an-anchor.json'), '{"seq": 0}');
    const bad = await custos(store, ['audit', 'verify', '--anchor', join(dir, 'not-an-anchor.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"seq" is not a whole number of at least 1');
    const empty = await custos(newStore(), ['audit', 'anchor']);
    expect([empty.status, empty.stderr]).toEqual([1, 'custos: the audit log is empty: there is nothing to anchor yet\n']);
  });
});

describe('custos requests list', { timeout: 120_000 }, () => {
  it('lists requests with their days left, the overdue ones alone, and refuses an unknown status', async () => {
    const store = newStore();
    await withStore(store, async (s) => {
      // GDPR: a month from receipt. Received 2028-01-31 → due 2028-02-29 (the fixture's request).
      await s.requests.create(request({ id: 'req-late' }), '2028-02-29');
      await s.requests.create(request({ id: 'req-soon', receivedAt: new Date('2028-03-01T09:00:00Z') }), '2028-04-01');
    });
    const all = await custos(store, ['requests', 'list', '--now', '2028-03-10']);
    expect(all.status).toBe(0);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+KIND\s+STATUS\s+JURISDICTION\s+DUE\s+DAYS LEFT$/);
    expect(lines[1]).toMatch(/^req-late\s+access\s+received\s+gdpr\s+2028-02-29\s+-10$/);
    expect(lines[2]).toMatch(/^req-soon\s+access\s+received\s+gdpr\s+2028-04-01\s+22$/);
    const overdue = await custos(store, ['requests', 'list', '--overdue', '--now', '2028-03-10']);
    expect(overdue.stdout).toContain('req-late');
    expect(overdue.stdout).not.toContain('req-soon');
    const none = await custos(store, ['requests', 'list', '--status', 'completed']);
    expect(none.stdout).toBe('no requests\n');
    const wrong = await custos(store, ['requests', 'list', '--status', 'lost']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^custos: --status "lost" is not a request status: use received, /);
  });
});

const postgres = serviceUrl('postgres');
describe.skipIf(!postgres)('on a PostgreSQL store', () => {
  it('adds, lists and disables users and verifies the audit log in the schema --store names', async () => {
    const schema = `custos_cli_staff_${process.pid}`;
    const location = `${postgres!}${postgres!.includes('?') ? '&' : '?'}schema=${schema}`;
    try {
      const added = await custos(location, ['users', 'add', 'ada@example.com', '--role', 'auditor']);
      expect(added.status).toBe(0);
      expect((await custos(location, ['users', 'list'])).stdout).toMatch(/ada@example\.com\s+auditor\s+none\s+active/);
      expect((await custos(location, ['users', 'disable', 'ada@example.com'])).status).toBe(0);
      const verified = await custos(location, ['audit', 'verify']);
      expect([verified.status, verified.stdout]).toEqual([0, expect.stringMatching(/^audit log intact: 2 entries; head: entry 2,/)]);
    } finally {
      const client = new pg.Client({ connectionString: postgres });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});
