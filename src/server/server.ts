// buildServer: Fastify with zod schemas, OpenAPI, helmet, rate limits, request ids, redacted logs and staff sign-in.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { CustosError } from '../errors.js';
import { registerAccessControl } from './access.js';
import { registerAppRoutes } from './app-routes.js';
import { registerStaffConsole } from './console.js';
import { resolveServerConfig, type ServerConfig, type ServerOptions } from './config.js';
import { handleError } from './error-handler.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerPublicRoutes } from './public-routes.js';
import { registerRegisterRoutes } from './register-routes.js';
import { createServerLogger } from './logging.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { registerStaffApi } from './staff-api/routes.js';
import { registerStaffRoutes } from './staff/routes.js';
import { registerOversightPages, registerPrivacyCenter } from '../web/index.js';
import { API_KEY_SCOPES } from './api-keys.js';
import { apiKeyActions } from './staff-api/keys.js';
import { staffAccountActions } from './staff-api/users.js';
import { LoginThrottle } from './staff/throttle.js';
import { readRetentionOf } from './retention-reading.js';

export interface CustosServer {
  /** The Fastify instance: `app.inject()` in tests, `app.listen()` to serve. */
  readonly app: FastifyInstance;
  readonly config: ServerConfig;
  close(): Promise<void>;
}

/** The API's routes live under /api; the docs UI at /api/docs, the OpenAPI document at /api/openapi.json. */
export async function buildServer(options: ServerOptions): Promise<CustosServer> {
  const config = resolveServerConfig(options);
  const logger = createServerLogger({ level: config.logLevel, ...(options.logger?.stream ? { stream: options.logger.stream } : {}) });
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; saying so keeps the instance's type the default one every plugin expects.
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: typeof config.trustProxy === 'object' ? [...config.trustProxy] : config.trustProxy,
    genReqId: requestIdOf,
    requestIdHeader: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(() => {
    throw new CustosError({ code: 'not-found', message: 'No such route: the API is described at /api/openapi.json.' });
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  await app.register(fastifyHelmet, { global: true });
  // Registered even when the global limit is off: the person's code and status routes keep their own stricter one.
  await app.register(
    fastifyRateLimit,
    config.rateLimit ? { global: true, max: config.rateLimit.max, timeWindow: config.rateLimit.windowMs } : { global: false },
  );
  await app.register(fastifyCookie);
  // The CSRF secret lives in the staff session (request.session, set by the access hook), as with @fastify/session.
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
    sessionKey: 'csrfSecret',
    // A script sends the header; a console form (no script) its hidden `_csrf` field, read once the body is parsed.
    getToken: (request) => {
      const token = request.headers['x-csrf-token'];
      if (typeof token === 'string') return token;
      const field = (request.body as Record<string, unknown> | null | undefined)?.['_csrf'];
      return typeof field === 'string' ? field : undefined;
    },
  });
  if (config.docs) {
    await app.register(fastifySwagger, {
      openapi: {
        info: { title: 'Custos API', description: 'Privacy-as-code: the request desk and its staff console', version: '0.1.0' },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'custos_session' },
            apiKey: { type: 'http', scheme: 'bearer', description: 'A provider app key, ck_… (custos keys create)' },
          },
        },
      },
      transform: jsonSchemaTransform,
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  }

  const throttle = new LoginThrottle(config.login, config.clock);
  await app.register(async (api) => {
    registerAccessControl(api, { config, directory: options.directory, sessions: options.sessions });
    registerHealthRoutes(api);
    if (config.docs) api.get('/api/openapi.json', { config: { requires: 'public' }, schema: { hide: true } }, async () => app.swagger());
    registerStaffRoutes(api, { config, directory: options.directory, sessions: options.sessions, throttle });
    if (options.registers) registerRegisterRoutes(api, options.registers);
    if (options.desk) await api.register(async (people) => registerPublicRoutes(people, { config, desk: options.desk! }));
    if (options.desk) registerStaffApi(api, { config, desk: options.desk });
    if (options.desk && options.apiKeys)
      await api.register(async (apps) => registerAppRoutes(apps, { config, desk: options.desk!, apiKeys: options.apiKeys! }));
    if (options.desk) {
      const { store } = options.desk.core;
      const services = {
        accounts: staffAccountActions(store, config.clock),
        keys: apiKeyActions(store, config.clock),
        keyScopes: API_KEY_SCOPES,
      };
      await api.register(async (pages) =>
        registerOversightPages(pages, {
          desk: options.desk!,
          registers: options.registers,
          services,
          readRetention: readRetentionOf(options.desk!),
          diagnostics: options.diagnostics,
        }),
      );
    }
  });
  if (options.desk)
    await app.register(async (c) =>
      registerStaffConsole(c, { config, desk: options.desk!, directory: options.directory, sessions: options.sessions, throttle }),
    );
  if (options.desk)
    await app.register(async (pages) => registerPrivacyCenter(pages, { desk: options.desk!, rateLimit: config.publicRateLimit }));
  await app.ready();
  return Object.freeze({ app, config, close: () => app.close() });
}
