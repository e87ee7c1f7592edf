// The SQLite key ring against the contract, in temporary files; and destruction leaving no wrapped key in the file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeKeyRingContract, liveKey } from '../key-ring-contract.test-support.js';
import { openSqliteKeyRing } from './key-ring.js';
import { migrateSqliteKeyRing } from './migrations.js';

function tempFile(): { file: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'custos-vault-'));
  return { file: join(dir, 'keys.db'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

describeKeyRingContract('sqlite', () => {
  const { file, dispose } = tempFile();
  return { ring: openSqliteKeyRing(file), dispose };
});

describe('sqlite key ring', () => {
  it('keeps its keys across processes: a ring reopened on the same file reads what the first one wrote', async () => {
    const { file, dispose } = tempFile();
    try {
      const first = openSqliteKeyRing(file);
      await first.add(liveKey('dk_a', { current: true }));
      await first.close();
      const second = openSqliteKeyRing(file);
      expect(await second.current('totp-seed')).toEqual(liveKey('dk_a', { current: true }));
      await second.close();
    } finally {
      dispose();
    }
  });

  it('leaves no trace of a destroyed wrapped key in the database file', async () => {
    const { file, dispose } = tempFile();
    try {
      const ring = openSqliteKeyRing(file);
      const wrapped = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab');
      await ring.add(liveKey('dk_a', { wrapped }));
      await ring.add(liveKey('dk_b', { wrapped: Buffer.alloc(60, 1) }));
      await ring.close(); // checkpoints the WAL into the file
      expect(readFileSync(file).includes(wrapped)).toBe(true);
      const again = openSqliteKeyRing(file);
      await again.destroy('dk_a', '2026-12-01T00:00:00.000Z');
      await again.close();
      expect(readFileSync(file).includes(wrapped)).toBe(false);
    } finally {
      dispose();
    }
  });

  it('migrates a database the store holds once, and leaves it open on close', async () => {
    const db = new Database(':memory:');
    migrateSqliteKeyRing(db);
    const ring = openSqliteKeyRing(db);
    await ring.add(liveKey('dk_a'));
    await ring.close();
    expect(db.prepare('SELECT id FROM vault_migrations').all()).toEqual([{ id: 1 }]);
    expect(db.prepare('SELECT id FROM vault_data_keys').all()).toEqual([{ id: 'dk_a' }]);
    db.close();
  });

  it('refuses with the table constraint a row that is both live and destroyed', () => {
    const db = new Database(':memory:');
    migrateSqliteKeyRing(db);
    expect(() =>
      db
        .prepare(
          "INSERT INTO vault_data_keys (id, purpose, created_at, master_id, wrapped, destroyed_at) VALUES ('dk_x', 'smtp', 't', 'mk', x'00', 't')",
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
