import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { apiKeySecretHash, checkApiKeyScopes, createApiKey, findApiKey } from './api-keys.js';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});
const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));

describe('API keys', () => {
  it('are found by the whole key only: a changed secret, a malformed key or a revoked one finds nothing', async () => {
    store = openSqliteStore(':memory:');
    const { record, key } = await createApiKey(store.apiKeys, ['requests:create'], clock);
    expect(key).toMatch(/^ck_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`ck_${record.id}_`)).toBe(true);
    const secret = key.slice(`ck_${record.id}_`.length);
    expect(record.secretHash).toBe(apiKeySecretHash(secret));
    expect(record.secretHash).not.toContain(secret);
    expect(await findApiKey(store.apiKeys, key)).toMatchObject({ id: record.id, scopes: ['requests:create'] });
    const flipped = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    for (const wrong of [flipped, key.slice(0, -1), `${key} `, `ck_${record.id}`, 'Bearer x'])
      expect(await findApiKey(store.apiKeys, wrong)).toBeUndefined();
    await store.apiKeys.revoke(record.id, clock.now());
    expect(await findApiKey(store.apiKeys, key)).toBeUndefined();
  });

  it('take only the scopes Custos knows, naming them when one is not', () => {
    expect(checkApiKeyScopes(['requests:read', 'requests:read'], '--scope')).toEqual(['requests:read']);
    expect(() => checkApiKeyScopes([], '--scope')).toThrow('--scope: give at least one scope; use requests:create, requests:read');
    expect(() => checkApiKeyScopes(['admin'], '--scope')).toThrow('--scope: unknown scope "admin"; use requests:create, requests:read');
  });
});
