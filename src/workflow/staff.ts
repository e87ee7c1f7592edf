// The console's staff: their roles, what each role may do, and the stages of a sign-in. One vocabulary for the store
// (which keeps accounts and sessions) and the server (which checks them on every request).

/**
 * Staff roles: an `admin` runs the installation (staff accounts, everything an officer does), a privacy `officer`
 * decides on requests, an `analyst` reads (requests, never a decision), an `auditor` reads the audit trail and nothing
 * else. Not `ACTOR_ROLES`: those say who moved a request, these who may sign in to the console.
 */
export const STAFF_ROLES = ['admin', 'officer', 'analyst', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * What a route may require. `<area>:<verb>`: an area's read permission never implies its writes. The registers (authority
 * requests, incidents, complaints) are read with `requests:read` and written with `registers:manage`. `retention:read`
 * opens the retention page (the next sweep's plan, past sweeps, the forecast): counts per rule, never a person's data.
 */
export const PERMISSIONS = [
  'requests:read',
  'requests:approve',
  'requests:manage',
  'audit:read',
  'audit:verify',
  'staff:manage',
  'registers:manage',
  'retention:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one table: a permission not listed for a role is refused to it. */
export const ROLE_PERMISSIONS = Object.freeze({
  admin: PERMISSIONS,
  officer: ['requests:read', 'requests:approve', 'requests:manage', 'audit:read', 'registers:manage', 'retention:read'],
  analyst: ['requests:read', 'retention:read'],
  auditor: ['audit:read', 'audit:verify'],
} as const satisfies Readonly<Record<StaffRole, readonly Permission[]>>);

export function roleAllows(role: StaffRole, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

export function isStaffRole(value: unknown): value is StaffRole {
  return (STAFF_ROLES as readonly unknown[]).includes(value);
}

/**
 * `totp-enrolment`: an admin who signed in with the right password but has no TOTP yet. Such a session may enrol and
 * sign out, and nothing else.
 */
export const SESSION_STAGES = ['complete', 'totp-enrolment'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];
