// The staff routes of the registers: authority requests, confidentiality incidents and complaints, listed, recorded,
// read and changed (read with requests:read, written with registers:manage; an auditor has neither).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Registers, RegisterView } from '../desk/index.js';
import { CustosError } from '../errors.js';
import { CHANGE_SCHEMAS, NEW_ENTRY_SCHEMAS, REGISTER_KINDS, type RegisterKind } from '../workflow/index.js';

/** Each kind's path segment under /api/staff/registers. */
export const REGISTER_PATHS: Readonly<Record<RegisterKind, string>> = Object.freeze({
  'authority-request': 'authority-requests',
  incident: 'incidents',
  complaint: 'complaints',
});

const ERROR = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    field: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string(),
  }),
});

/** An entry as JSON (instants as ISO strings) with its version and clock; the entry's fields are each kind's schema. */
const VIEW = z.object({
  entry: z.record(z.string(), z.unknown()),
  version: z.number(),
  clock: z.object({
    dueAt: z.string().optional(),
    hoursLeft: z.number().optional(),
    daysLeft: z.number().optional(),
    overdue: z.boolean(),
    notifications: z.array(z.record(z.string(), z.unknown())).optional(),
    lawsWithoutRule: z.array(z.string()).optional(),
    keepUntil: z.string().optional(),
  }),
});
const PAGE = z.object({ items: z.array(VIEW), next: z.string().optional() });

const LIST_QUERY = z.object({
  status: z.string().min(1).max(40).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  after: z.string().min(1).max(400).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
const ID_PARAMS = z.object({ id: z.string().min(1).max(100) });
const TAGS = ['registers'];

/** Dates become ISO strings, absent values disappear: the JSON the reply schema describes. */
const json = (view: RegisterView): z.infer<typeof VIEW> => JSON.parse(JSON.stringify(view)) as z.infer<typeof VIEW>;

function staffId(request: FastifyRequest): string {
  if (!request.staff) throw new CustosError({ code: 'internal', message: 'a register route ran without the access hook' });
  return request.staff.member.id;
}

export function registerRegisterRoutes(app: FastifyInstance, registers: Registers): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const list = async (kinds: readonly RegisterKind[] | undefined, query: z.infer<typeof LIST_QUERY>) => {
    const page = await registers.list(
      { kinds, statuses: query.status === undefined ? undefined : [query.status], overdue: query.overdue === 'true' },
      { after: query.after, limit: query.limit },
    );
    return { items: page.items.map(json), ...(page.next ? { next: page.next } : {}) };
  };

  api.get('/api/staff/registers', {
    config: { requires: 'requests:read' },
    schema: {
      tags: TAGS,
      summary: 'Every register entry, newest first; overdue=true for those past their clock',
      querystring: LIST_QUERY,
      response: { 200: PAGE, 400: ERROR },
    },
    handler: async (request) => list(undefined, request.query),
  });

  for (const kind of REGISTER_KINDS) {
    const path = `/api/staff/registers/${REGISTER_PATHS[kind]}`;
    api.get(path, {
      config: { requires: 'requests:read' },
      schema: { tags: TAGS, summary: `The ${kind} register, newest first`, querystring: LIST_QUERY, response: { 200: PAGE, 400: ERROR } },
      handler: async (request) => list([kind], request.query),
    });

    api.post(path, {
      config: { requires: 'registers:manage' },
      schema: { tags: TAGS, summary: `Record a ${kind}`, body: NEW_ENTRY_SCHEMAS[kind], response: { 201: VIEW, 400: ERROR } },
      handler: async (request, reply) => reply.code(201).send(json(await inBody(registers.record(kind, request.body, staffId(request))))),
    });

    api.get(`${path}/:id`, {
      config: { requires: 'requests:read' },
      schema: { tags: TAGS, summary: `One ${kind} with its clock`, params: ID_PARAMS, response: { 200: VIEW, 404: ERROR } },
      handler: async (request) => json(await registers.get(request.params.id, kind)),
    });

    api.patch(`${path}/:id`, {
      config: { requires: 'registers:manage' },
      schema: {
        tags: TAGS,
        summary: `Change a ${kind}: corrected fields, a new status${kind === 'incident' ? ', a notification sent' : ''}`,
        params: ID_PARAMS,
        /** `version`: the version read; a change made meanwhile is a 409. */
        body: CHANGE_SCHEMAS[kind].extend({ version: z.number().int().min(1) }),
        response: { 200: VIEW, 400: ERROR, 404: ERROR, 409: ERROR },
      },
      handler: async (request) => {
        const { version, ...change } = request.body;
        await registers.get(request.params.id, kind);
        return json(await inBody(registers.change(request.params.id, change, { expectedVersion: version, staffId: staffId(request) })));
      },
    });
  }
}

/** The registers name a field as the entry knows it (`notification.law`); the client wrote it in the body. */
async function inBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof CustosError && error.code === 'invalid-input' && typeof error.details.field === 'string')
      throw new CustosError({
        code: error.code,
        message: error.message,
        details: { ...error.details, field: `body.${error.details.field}` },
      });
    throw error;
  }
}
