// Staff accounts for admins: list, add (a generated password shown once), disable, change role; each audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Desk } from '../../desk/index.js';
import { CustosError } from '../../errors.js';
import type { StaffUser, Store } from '../../store/index.js';
import { STAFF_ROLES, type StaffRole } from '../../workflow/index.js';
import { addStaffAccount } from '../staff/accounts.js';
import { ERROR, REFUSALS, signedIn, staffAuditActor } from './schemas.js';

const USER = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(STAFF_ROLES),
  disabled: z.boolean(),
  totpEnrolled: z.boolean(),
  createdAt: z.string(),
});

const userJson = (u: StaffUser): z.infer<typeof USER> => ({
  id: u.id,
  email: u.email,
  role: u.role,
  disabled: u.disabled,
  totpEnrolled: u.totpSeed !== undefined,
  createdAt: u.createdAt.toISOString(),
});

const USER_PARAMS = z.object({ id: z.string().min(1).max(100) });
const TAGS = ['staff: users'];

/** What an admin does to staff accounts, audited: the API's handlers and the console's forms both call these. */
export interface StaffAccountActions {
  /** Adds an account; its generated password is returned this once. */
  add(input: { readonly email: string; readonly role: StaffRole }, actorId: string): Promise<{ user: StaffUser; password: string }>;
  /** Disables another account and ends its sessions. */
  disable(id: string, actorId: string): Promise<{ user: StaffUser; sessionsEnded: number }>;
  /** Changes another account's role and ends its sessions. */
  changeRole(id: string, role: StaffRole, actorId: string): Promise<{ user: StaffUser; sessionsEnded: number }>;
}

export function staffAccountActions(store: Store, clock: Clock): StaffAccountActions {
  const actor = (id: string) => ({ kind: 'staff' as const, id });
  /** An account other than the caller's: nobody locks themselves out or raises their own role. */
  async function otherAccount(callerId: string, id: string, change: string): Promise<StaffUser> {
    if (id === callerId)
      throw new CustosError({
        code: 'conflict',
        message: `you cannot ${change} your own account: another admin does it`,
        details: { userId: id },
      });
    const user = await store.users.get(id);
    if (!user)
      throw new CustosError({
        code: 'not-found',
        message: `no staff user ${id}: GET /api/staff/users lists them`,
        details: { userId: id },
      });
    return user;
  }
  return {
    async add(input, actorId) {
      const { user, password } = await addStaffAccount(store.users, input, clock);
      await store.audit.append({
        actor: actor(actorId),
        action: 'user.created',
        subjects: { user: user.id },
        details: { role: user.role },
      });
      return { user, password };
    },
    async disable(id, actorId) {
      const target = await otherAccount(actorId, id, 'disable');
      const user = await store.users.update(target.id, { disabled: true });
      const sessionsEnded = await store.staffSessions.deleteForStaff(user.id);
      await store.audit.append({ actor: actor(actorId), action: 'user.disabled', subjects: { user: user.id }, details: { sessionsEnded } });
      return { user, sessionsEnded };
    },
    async changeRole(id, role, actorId) {
      const target = await otherAccount(actorId, id, 'change the role of');
      const user = await store.users.update(target.id, { role });
      const sessionsEnded = await store.staffSessions.deleteForStaff(user.id);
      await store.audit.append({
        actor: actor(actorId),
        action: 'user.role-changed',
        subjects: { user: user.id },
        details: { from: target.role, to: user.role, sessionsEnded },
      });
      return { user, sessionsEnded };
    },
  };
}

export function registerUserRoutes(app: FastifyInstance, { desk, clock }: { desk: Desk; clock: Clock }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = desk.core;
  const accounts = staffAccountActions(store, clock);

  api.get('/api/staff/users', {
    config: { requires: 'staff:manage' },
    schema: {
      tags: TAGS,
      summary: 'Staff accounts (never a password hash or TOTP seed)',
      response: { 200: z.object({ users: z.array(USER) }), ...REFUSALS },
    },
    handler: async () => ({ users: (await store.users.list()).map(userJson) }),
  });

  api.post('/api/staff/users', {
    config: { requires: 'staff:manage' },
    schema: {
      tags: TAGS,
      summary: 'Add an account: its generated password is shown this once (an admin enrols TOTP at first sign-in)',
      body: z.object({ email: z.string().trim().min(3).max(254), role: z.enum(STAFF_ROLES) }),
      response: { 201: z.object({ user: USER, temporaryPassword: z.string() }), ...REFUSALS, 409: ERROR },
    },
    handler: async (request, reply) => {
      const { user, password } = await accounts.add(request.body, staffAuditActor(request).id);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ user: userJson(user), temporaryPassword: password });
    },
  });

  api.post('/api/staff/users/:id/disable', {
    config: { requires: 'staff:manage' },
    schema: {
      tags: TAGS,
      summary: 'Disable an account: its sessions end at once',
      params: USER_PARAMS,
      response: { 200: z.object({ user: USER, sessionsEnded: z.number().int() }), ...REFUSALS, 404: ERROR, 409: ERROR },
    },
    handler: async (request) => {
      const { user, sessionsEnded } = await accounts.disable(request.params.id, signedIn(request).member.id);
      return { user: userJson(user), sessionsEnded };
    },
  });

  api.post('/api/staff/users/:id/role', {
    config: { requires: 'staff:manage' },
    schema: {
      tags: TAGS,
      summary: 'Change an account’s role: its sessions end, so it signs in again under the new role (an admin with TOTP)',
      params: USER_PARAMS,
      body: z.object({ role: z.enum(STAFF_ROLES) }),
      response: { 200: z.object({ user: USER, sessionsEnded: z.number().int() }), ...REFUSALS, 404: ERROR, 409: ERROR },
    },
    handler: async (request) => {
      const { user, sessionsEnded } = await accounts.changeRole(request.params.id, request.body.role, signedIn(request).member.id);
      return { user: userJson(user), sessionsEnded };
    },
  });
}
