// The provider app's routes: its backend files a request for a signed-in account holder, verifies them, reads the status.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Desk, RequestStatusView } from '../desk/index.js';
import { CustosError } from '../errors.js';
import type { ApiKeys } from '../store/index.js';
import { REQUEST_STATUSES } from '../workflow/index.js';
import { findApiKey, type ApiKeyScope } from './api-keys.js';
import type { ServerConfig } from './config.js';
import { ERROR, inBody, STATUS_VIEW, SUBMISSION, viewJson } from './public-routes.js';

export interface AppRouteDependencies {
  readonly config: ServerConfig;
  readonly desk: Desk;
  /** The store's API keys: looked up by id, compared in constant time, their use recorded. */
  readonly apiKeys: Pick<ApiKeys, 'get' | 'touch'>;
}

const TAGS = ['provider app'];
const ID_PARAMS = z.object({ id: z.string().min(1).max(64) });
const ASSERTION = z.object({
  identity: z.string().min(1).max(64),
  value: z.string().min(1).max(320),
  expires: z.number().int().positive(),
  signature: z.string().regex(/^[0-9a-f]{64}$/i, 'the HMAC-SHA-256 of the assertion, 64 hexadecimal characters'),
});
const BEARER = /^Bearer\s+(\S+)$/i;

const keyRequired = () =>
  new CustosError({
    code: 'unauthorized',
    message: 'Send a valid API key: Authorization: Bearer ck_… (custos keys create); this one is missing, unknown or revoked.',
  });

/**
 * The route's own check (the access hook leaves `api-key` routes alone: no staff session, no CSRF — a bearer key is
 * never sent by a browser on its own): a key that is missing, malformed, unknown or revoked is 401, a key without the
 * scope 403. Each accepted use is recorded (`lastUsedAt`).
 */
function requireApiKey(deps: AppRouteDependencies, scope: ApiKeyScope) {
  return async function apiKeyCheck(request: FastifyRequest): Promise<void> {
    const presented = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const key = presented === undefined ? undefined : await findApiKey(deps.apiKeys, presented);
    if (!key) throw keyRequired();
    if (!key.scopes.includes(scope))
      throw new CustosError({
        code: 'forbidden',
        message: `API key ${key.id} does not include the scope ${scope} (it has ${key.scopes.join(', ')}): create a key with --scope ${scope}`,
        details: { requires: scope },
      });
    // Revoked between the lookup and now: refused as well.
    if (!(await deps.apiKeys.touch(key.id, deps.config.clock.now()))) throw keyRequired();
  };
}

/** The request as the app may see it: only one filed through the API (another's id reads as unknown), no identities. */
async function appRequest(desk: Desk, id: string): Promise<RequestStatusView> {
  const { channel, ...view } = await desk.statusById(id).catch((error: unknown) => {
    throw error instanceof CustosError && error.code === 'not-found' ? unknownRequest(id) : error;
  });
  if (channel !== 'api') throw unknownRequest(id);
  return view;
}

const unknownRequest = (id: string) =>
  new CustosError({
    code: 'not-found',
    message: `no request ${JSON.stringify(id.slice(0, 64))} was filed through the API`,
    details: { field: 'params.id' },
  });

export function registerAppRoutes(app: FastifyInstance, deps: AppRouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { desk } = deps;
  const security = [{ apiKey: [] }];

  api.post('/api/app/requests', {
    config: { requires: 'api-key' },
    onRequest: requireApiKey(deps, 'requests:create'),
    schema: {
      tags: TAGS,
      summary: 'File a request for an account holder from the provider app (channel api); scope requests:create',
      security,
      body: SUBMISSION,
      response: {
        201: z.object({ id: z.string(), statusToken: z.string(), status: z.enum(REQUEST_STATUSES), codeSent: z.boolean() }),
        400: ERROR,
        401: ERROR,
        403: ERROR,
      },
    },
    handler: async (request, reply) => {
      const receipt = await inBody(desk.submit({ ...request.body, channel: 'api' }, { ip: request.ip }));
      const { request: filed } = await desk.get(receipt.id);
      return reply.code(201).send({ ...receipt, status: filed.status });
    },
  });

  api.post('/api/app/requests/:id/assertion', {
    config: { requires: 'api-key' },
    onRequest: requireApiKey(deps, 'requests:create'),
    schema: {
      tags: TAGS,
      summary: "Verify the person by the app's signed assertion that they are signed in (custos-assertion/v1, HMAC-SHA-256)",
      security,
      params: ID_PARAMS,
      body: ASSERTION,
      response: { 200: STATUS_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR },
    },
    handler: async (request) => {
      await appRequest(desk, request.params.id);
      return viewJson(await desk.verifyAssertion(request.params.id, request.body));
    },
  });

  api.get('/api/app/requests/:id', {
    config: { requires: 'api-key' },
    onRequest: requireApiKey(deps, 'requests:read'),
    schema: {
      tags: TAGS,
      summary: 'The status of a request the app filed: status, timeline, due day, next step; scope requests:read',
      security,
      params: ID_PARAMS,
      response: { 200: STATUS_VIEW, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR },
    },
    handler: async (request) => viewJson(await appRequest(desk, request.params.id)),
  });
}
