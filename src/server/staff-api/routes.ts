// The staff API over the request desk: the queue, a request, decisions, the outbox, the audit trail, users and API keys.
import type { FastifyInstance } from 'fastify';
import type { Desk } from '../../desk/index.js';
import type { ServerConfig } from '../config.js';
import { registerAuditRoutes } from './audit.js';
import { registerDecisionRoutes } from './decisions.js';
import { registerKeyRoutes } from './keys.js';
import { registerOutboxRoutes } from './outbox.js';
import { registerQueueRoutes } from './queue.js';
import { registerRequestRoutes } from './request.js';
import { registerUserRoutes } from './users.js';

export interface StaffApiDependencies {
  readonly config: ServerConfig;
  readonly desk: Desk;
}

/** Every route declares its permission (access.ts checks it, and CSRF on each POST); see docs/server.md for the table. */
export function registerStaffApi(app: FastifyInstance, { config, desk }: StaffApiDependencies): void {
  registerQueueRoutes(app, { config, desk });
  registerRequestRoutes(app, { config, desk });
  registerDecisionRoutes(app, { config, desk });
  registerOutboxRoutes(app, { desk });
  registerAuditRoutes(app, { desk });
  registerUserRoutes(app, { desk, clock: config.clock });
  registerKeyRoutes(app, { desk, clock: config.clock });
}
