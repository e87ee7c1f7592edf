// Who may do what on the staff API: the roles, the permissions, and the one table that maps the first to the second.

/**
 * Staff roles: an `admin` runs the installation (staff accounts, everything an officer does), a privacy `officer`
 * decides on requests, an `analyst` reads (requests, never a decision), an `auditor` reads the audit trail and nothing
 * else. Not the workflow's `ACTOR_ROLES`: those say who moved a request, these who may sign in to the console.
 */
export const STAFF_ROLES = ['admin', 'officer', 'analyst', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a route may require. `<area>:<verb>`: an area's read permission never implies its writes. */
export const PERMISSIONS = ['requests:read', 'requests:approve', 'requests:manage', 'audit:read', 'audit:verify', 'staff:manage'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one table: a permission not listed for a role is refused to it. */
export const ROLE_PERMISSIONS = Object.freeze({
  admin: PERMISSIONS,
  officer: ['requests:read', 'requests:approve', 'requests:manage', 'audit:read'],
  analyst: ['requests:read'],
  auditor: ['audit:read', 'audit:verify'],
} as const satisfies Readonly<Record<StaffRole, readonly Permission[]>>);

/**
 * What a route declares in `config.requires`: `public` (anyone, signed in or not), `session` (any session, even an
 * admin's that still has to enrol TOTP: enrolment and sign-out), `signed-in` (any staff member whose sign-in is
 * complete) or a permission. Every API route declares one: the server refuses to start otherwise.
 */
export const ACCESS_LEVELS = ['public', 'session', 'signed-in'] as const;
export type RouteAccess = (typeof ACCESS_LEVELS)[number] | Permission;

export function roleAllows(role: StaffRole, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

export function isRouteAccess(value: unknown): value is RouteAccess {
  return (ACCESS_LEVELS as readonly unknown[]).includes(value) || (PERMISSIONS as readonly unknown[]).includes(value);
}
