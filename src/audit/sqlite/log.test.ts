// The SQLite audit log against the contract, in temporary files; concurrent appenders are separate processes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeAuditLogContract, testEntry } from '../contract.test-support.js';
import { verifyChain } from '../verify.js';
import { openSqliteAuditLog } from './log.js';

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'append-child.ts'), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`appender exited ${code}: ${stderr}`))));
  });
}

describeAuditLogContract('sqlite', async () => ({
  async fresh(clock) {
    const dir = mkdtempSync(join(tmpdir(), 'custos-audit-'));
    const file = join(dir, 'audit.db');
    const log = openSqliteAuditLog(file, { clock });
    const db = new Database(file);
    return {
      log,
      sql: async (statement) => void db.exec(statement),
      dropGuards: async () => void db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;'),
      appendConcurrently: async (appenders, each) => {
        const startAt = String(Date.now() + 3000);
        await Promise.all(Array.from({ length: appenders }, (_, i) => run([file, String(i), String(each), startAt])));
      },
      async dispose() {
        await log.close();
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
}));

describe('sqlite audit log', () => {
  it('lives beside other tables in a database it is given, migrates it once and leaves it open on close', async () => {
    const db = new Database(':memory:');
    const first = openSqliteAuditLog(db);
    await first.append(testEntry(1));
    await first.close();
    const again = openSqliteAuditLog(db);
    expect((await again.head())?.seq).toBe(1);
    await again.append(testEntry(2));
    expect(await verifyChain(again)).toMatchObject({ ok: true, entries: 2 });
    expect(db.prepare('SELECT count(*) AS n FROM audit_migrations').get()).toEqual({ n: 1 });
    db.close();
  });
});
