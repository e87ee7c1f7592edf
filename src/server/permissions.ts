// Who may do what on the staff API: the access levels routes declare. Roles and permissions are src/workflow's.
import { PERMISSIONS, type Permission } from '../workflow/index.js';

/**
 * What a route declares in `config.requires`: `public` (anyone, signed in or not), `session` (any session, even an
 * admin's that still has to enrol TOTP: enrolment and sign-out), `signed-in` (any staff member whose sign-in is
 * complete), `api-key` (a provider app's bearer key, checked by the route itself: app-routes.ts) or a permission. Every API route declares one: the server refuses to start otherwise.
 */
export const ACCESS_LEVELS = ['public', 'session', 'signed-in', 'api-key'] as const;
export type RouteAccess = (typeof ACCESS_LEVELS)[number] | Permission;

export function isRouteAccess(value: unknown): value is RouteAccess {
  return (ACCESS_LEVELS as readonly unknown[]).includes(value) || (PERMISSIONS as readonly unknown[]).includes(value);
}
