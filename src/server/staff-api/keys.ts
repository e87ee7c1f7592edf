// API keys for the provider's apps, for admins: create (the `ck_` key shown once), list (never the hash), revoke.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Desk } from '../../desk/index.js';
import { CustosError } from '../../errors.js';
import type { ApiKey, Store } from '../../store/index.js';
import { API_KEY_SCOPES, createApiKey, type ApiKeyScope } from '../api-keys.js';
import { ERROR, REFUSALS, staffAuditActor } from './schemas.js';

const KEY = z.object({
  id: z.string(),
  /** What the key starts with (`ck_<id>_`): enough to recognise it, nothing to use. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
  revokedAt: z.string().optional(),
});

const keyJson = (k: ApiKey): z.infer<typeof KEY> => ({
  id: k.id,
  prefix: `ck_${k.id}_`,
  scopes: [...k.scopes],
  createdAt: k.createdAt.toISOString(),
  ...(k.lastUsedAt ? { lastUsedAt: k.lastUsedAt.toISOString() } : {}),
  ...(k.revokedAt ? { revokedAt: k.revokedAt.toISOString() } : {}),
});

const TAGS = ['staff: API keys'];

/** What an admin does to API keys, audited: the API's handlers and the console's forms both call these. */
export interface ApiKeyActions {
  /** Creates a key: the `ck_` key is returned this once, the store keeps its hash. */
  create(scopes: readonly ApiKeyScope[], actorId: string): Promise<{ key: string; record: ApiKey }>;
  /** Revokes a key (`not-found` for an unknown id); revoking a revoked key changes nothing. */
  revoke(id: string, actorId: string): Promise<ApiKey>;
}

export function apiKeyActions(store: Store, clock: Clock): ApiKeyActions {
  return {
    async create(scopes, actorId) {
      const { record, key } = await createApiKey(store.apiKeys, [...new Set(scopes)], clock);
      await store.audit.append({
        actor: { kind: 'staff', id: actorId },
        action: 'key.created',
        subjects: { key: record.id },
        details: { scopes: [...record.scopes] },
      });
      return { record, key };
    },
    async revoke(id, actorId) {
      const revoked = await store.apiKeys.revoke(id, clock.now());
      const key = await store.apiKeys.get(id);
      if (!key)
        throw new CustosError({ code: 'not-found', message: `no API key ${id}: GET /api/staff/keys lists them`, details: { keyId: id } });
      if (revoked) await store.audit.append({ actor: { kind: 'staff', id: actorId }, action: 'key.revoked', subjects: { key: id } });
      return key;
    },
  };
}

export function registerKeyRoutes(app: FastifyInstance, { desk, clock }: { desk: Desk; clock: Clock }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = desk.core;
  const keys = apiKeyActions(store, clock);

  api.get('/api/staff/keys', {
    config: { requires: 'staff:manage' },
    schema: {
      tags: TAGS,
      summary: 'API keys: prefix, scopes, dates (never the secret or its hash)',
      response: { 200: z.object({ keys: z.array(KEY) }), ...REFUSALS },
    },
    handler: async () => ({ keys: (await store.apiKeys.list()).map(keyJson) }),
  });

  api.post('/api/staff/keys', {
    config: { requires: 'staff:manage' },
    schema: {
      tags: TAGS,
      summary: 'Create a key for a provider app: the key is shown this once, Custos keeps only its hash',
      body: z.object({ scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length) }),
      response: { 201: z.object({ key: z.string(), record: KEY }), ...REFUSALS },
    },
    handler: async (request, reply) => {
      const { record, key } = await keys.create(request.body.scopes, staffAuditActor(request).id);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ key, record: keyJson(record) });
    },
  });

  api.post('/api/staff/keys/:id/revoke', {
    config: { requires: 'staff:manage' },
    schema: {
      tags: TAGS,
      summary: 'Revoke a key: the app’s calls with it are refused from now on',
      params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'a key id: 16 hexadecimal digits') }),
      response: { 200: KEY, ...REFUSALS, 404: ERROR },
    },
    handler: async (request) => {
      return keyJson(await keys.revoke(request.params.id, staffAuditActor(request).id));
    },
  });
}
