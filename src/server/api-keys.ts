// API keys for services that file requests (a provider's own backend): `ck_<id>_<secret>`, only the secret's hash kept.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CustosError } from '../errors.js';
import type { ApiKey, ApiKeys } from '../store/index.js';
import type { Clock } from '../clock.js';

/** What a key may do: file requests, read them. New scopes are appended, never renamed: stored keys carry these words. */
export const API_KEY_SCOPES = ['requests:create', 'requests:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const PREFIX = 'ck';
/** The id has no `_`, so a key splits at its first two; the secret (base64url) may hold more. */
const KEY = /^ck_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/**
 * SHA-256 of the secret, not a password hash: the secret is 256 random bits, which no dictionary or brute force
 * reaches, so a slow hash would buy nothing and cost every API call its time.
 */
export function apiKeySecretHash(secret: string): string {
  return `sha256:${createHash('sha256').update(secret).digest('hex')}`;
}

/** Refuses scopes outside `API_KEY_SCOPES`, naming the list; at least one is required. */
export function checkApiKeyScopes(scopes: readonly string[], where: string): ApiKeyScope[] {
  const wrong = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || wrong.length > 0)
    throw new CustosError({
      code: 'invalid-input',
      message: `${where}: ${scopes.length === 0 ? 'give at least one scope' : `unknown scope ${JSON.stringify(wrong[0]!.slice(0, 40))}`}; use ${API_KEY_SCOPES.join(', ')} (comma-separated)`,
      details: { field: where },
    });
  return [...new Set(scopes)] as ApiKeyScope[];
}

/** Creates a key with `scopes`; the returned `key` is the only time its secret exists outside the caller's hands. */
export async function createApiKey(
  keys: ApiKeys,
  scopes: readonly ApiKeyScope[],
  clock: Clock,
): Promise<{ readonly record: ApiKey; readonly key: string }> {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const record = await keys.create({ id, secretHash: apiKeySecretHash(secret), scopes, createdAt: clock.now() });
  return { record, key: `${PREFIX}_${id}_${secret}` };
}

/** The stored key a presented `ck_…` key is, unless it is malformed, unknown, revoked or its secret differs. */
export async function findApiKey(keys: Pick<ApiKeys, 'get'>, presented: string): Promise<ApiKey | undefined> {
  const match = KEY.exec(presented);
  if (!match) return undefined;
  const stored = await keys.get(match[1]!);
  if (!stored || stored.revokedAt) return undefined;
  const given = Buffer.from(apiKeySecretHash(match[2]!));
  const kept = Buffer.from(stored.secretHash);
  return given.length === kept.length && timingSafeEqual(given, kept) ? stored : undefined;
}
