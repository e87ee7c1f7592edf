// `custos audit verify`, spawned as an administrator runs it, over an audit trail someone with the database edited,
// cut or reordered by SQL — on a SQLite store file and on a PostgreSQL store — names the first broken entry and exits 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEntry } from '../../src/audit/contract.test-support.js';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import { serviceUrl } from '../services.js';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custos-cli-audit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One store under test: where `--store` points, the store itself, and SQL run past Custos with the guards dropped. */
interface Engine {
  readonly location: string;
  open(): Store;
  tamper(statements: readonly string[]): Promise<void>;
  dispose(): Promise<void>;
}

const custos = (location: string, args: string[]) => runCli([...args, '--store', location], { cwd: dir });

/** Six entries appended through the store, as the desk appends them (the command is spawned once per case: it is slow). */
async function fill(engine: Engine): Promise<void> {
  const store = engine.open();
  try {
    await store.ready();
    for (let i = 1; i <= 6; i++) await store.audit.append(testEntry(i));
  } finally {
    await store.close();
  }
}

const swap = (a: number, b: number) => [
  `UPDATE audit_log SET seq = -1 WHERE seq = ${a}`,
  `UPDATE audit_log SET seq = ${a} WHERE seq = ${b}`,
  `UPDATE audit_log SET seq = ${b} WHERE seq = -1`,
];

const CASES = [
  {
    what: 'an edited entry',
    sql: [`UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 3`],
    says: 'custos: the audit log is not intact at entry 3 (altered): entry 3 was altered: its hash does not match its content; 2 entries before it verified\n',
  },
  {
    what: 'a deleted entry',
    sql: ['DELETE FROM audit_log WHERE seq = 4'],
    says: 'custos: the audit log is not intact at entry 4 (removed): entry 4 is missing: entry 5 follows entry 3; 3 entries before it verified\n',
  },
  {
    what: 'two entries swapped',
    sql: swap(2, 3),
    says: 'custos: the audit log is not intact at entry 2 (reordered): entry 2 was moved: the entry at 2 was written as entry 3; 1 entries before it verified\n',
  },
] as const;

function tamperSuite(name: string, enabled: boolean, open: (test: string) => Promise<Engine>): void {
  describe.skipIf(!enabled)(`custos audit verify on a ${name} store`, () => {
    for (const c of CASES)
      it(`names ${c.what} and exits 1, without a stack`, async () => {
        const engine = await open(c.what.replace(/\W+/g, '_'));
        try {
          await fill(engine);
          await engine.tamper(c.sql);
          const verified = await custos(engine.location, ['audit', 'verify']);
          expect(verified.status).toBe(1);
          expect(verified.stdout).toBe('');
          expect(verified.stderr).toBe(c.says);
          expect(verified.stderr).not.toMatch(/^\s+at |@example\.com/m);
        } finally {
          await engine.dispose();
        }
      }, 60_000);
  });
}

tamperSuite('SQLite', true, async (test) => {
  const file = join(dir, `${test}.db`);
  return {
    location: file,
    open: () => openSqliteStore(file),
    async tamper(statements) {
      const db = new Database(file);
      try {
        db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
        for (const s of statements) db.exec(s);
      } finally {
        db.close();
      }
    },
    dispose: async () => undefined,
  };
});

const postgres = serviceUrl('postgres');
tamperSuite('PostgreSQL', Boolean(postgres), async (test) => {
  const schema = `custos_cli_audit_${process.pid}_${test}`.toLowerCase().slice(0, 60);
  const sql = async (statements: readonly string[]) => {
    const client = new pg.Client({ connectionString: postgres });
    await client.connect();
    try {
      for (const s of statements) await client.query(s);
    } finally {
      await client.end();
    }
  };
  await sql([`DROP SCHEMA IF EXISTS ${schema} CASCADE`]);
  return {
    location: `${postgres!}${postgres!.includes('?') ? '&' : '?'}schema=${schema}`,
    open: () => openPostgresStore(postgres!, { schema }),
    tamper: (statements) => sql([`SET search_path TO ${schema}`, 'ALTER TABLE audit_log DISABLE TRIGGER USER', ...statements]),
    dispose: () => sql([`DROP SCHEMA IF EXISTS ${schema} CASCADE`]),
  };
});
