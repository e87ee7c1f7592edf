// Opening connectors: the engine registry, URL schemes, environment variables and the errors a user sees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { connectUrl, openConnector, storeKindOfUrl } from './open.js';
import { sqliteFileOfUrl } from './sqlite/index.js';

describe('storeKindOfUrl', () => {
  it('reads the engine from the scheme, and takes bare paths for SQLite', () => {
    expect(storeKindOfUrl('postgres://u:p@db/x')).toBe('postgres');
    expect(storeKindOfUrl('postgresql://db/x')).toBe('postgres');
    expect(storeKindOfUrl('mariadb://db/x')).toBe('mysql');
    expect(storeKindOfUrl('rediss://cache')).toBe('redis');
    expect(storeKindOfUrl('https://partner.example/api')).toBe('http');
    expect(storeKindOfUrl('file:data/app.db')).toBe('sqlite');
    expect(storeKindOfUrl('./data/app.db')).toBe('sqlite');
    expect(storeKindOfUrl('mongodb://db')).toBeUndefined();
  });
});

describe('sqliteFileOfUrl', () => {
  it('resolves the forms people write', () => {
    expect(sqliteFileOfUrl('sqlite:///srv/app.db', '/base')).toBe('/srv/app.db');
    expect(sqliteFileOfUrl('sqlite:/srv/app.db', '/base')).toBe('/srv/app.db');
    expect(sqliteFileOfUrl('sqlite:data/app.db', '/base')).toBe('/base/data/app.db');
    expect(sqliteFileOfUrl('file:///srv/my%20app.db?mode=ro', '/base')).toBe('/srv/my app.db');
    expect(sqliteFileOfUrl('app.db', '/base')).toBe('/base/app.db');
    expect(sqliteFileOfUrl('sqlite::memory:')).toBe(':memory:');
  });
});

describe('connectUrl', () => {
  it('opens a SQLite file from a relative sqlite: URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-open-'));
    new Database(join(dir, 'app.db')).close();
    const connector = await connectUrl(undefined, 'sqlite:app.db', { baseDir: dir });
    expect(connector.kind).toBe('sqlite');
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a URL whose scheme contradicts the kind, without echoing the password', async () => {
    const error = await connectUrl('postgres', 'mysql://root:hunter2@db:3306/shop').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'config', message: expect.stringContaining('mysql://db:3306/shop') });
    expect((error as Error).message).not.toContain('hunter2');
    await expect(connectUrl(undefined, 'mongodb://db/x')).rejects.toMatchObject({ code: 'config' });
  });
});

describe('openConnector', () => {
  it('names the missing environment variable and never the URL', async () => {
    const dataset = { id: 'crm', store: { kind: 'postgres' as const, url: { env: 'CRM_URL' } }, collections: new Map() };
    await expect(openConnector(dataset, { env: {} })).rejects.toMatchObject({
      code: 'config',
      message: 'dataset "crm" (store url): environment variable CRM_URL is not set',
      details: { variable: 'CRM_URL' },
    });
  });

  it('asks for a file when a SQLite store has none', async () => {
    const dataset = { id: 'local', store: { kind: 'sqlite' as const }, collections: new Map() };
    await expect(openConnector(dataset)).rejects.toMatchObject({ code: 'config', message: expect.stringContaining('dataset "local"') });
  });
});
