// Creating and disabling staff accounts: what `custos users` does, the rules in one place for any shell that does it.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { CustosError, isCustosError } from '../../errors.js';
import type { StaffSessions, StaffUser, Users } from '../../store/index.js';
import type { StaffRole } from '../../workflow/index.js';
import { foldEmail } from './email.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newStaffPassword } from './passwords.js';

/** A plain `local@domain` shape: the console's sign-in address, not a deliverability check. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewStaffAccount {
  readonly email: string;
  readonly role: StaffRole;
  /** Default: a generated one (`newStaffPassword`), returned so it can be handed over once. */
  readonly password?: string | undefined;
}

/** Refuses a password outside the bounds, saying which (never the password). */
export function checkNewPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new CustosError({
      code: 'invalid-input',
      message: `the password is too short (${password.length} characters): a staff password has at least ${MIN_PASSWORD_LENGTH}`,
      details: { field: 'password' },
    });
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new CustosError({
      code: 'invalid-input',
      message: `the password is too long: at most ${MAX_PASSWORD_LENGTH} characters`,
      details: { field: 'password' },
    });
  return password;
}

/** Stores a new account with the argon2id hash of its password; `conflict` when the e-mail address is taken. */
export async function addStaffAccount(
  users: Users,
  account: NewStaffAccount,
  clock: Clock,
): Promise<{ readonly user: StaffUser; readonly password: string }> {
  const email = account.email.trim();
  if (email.length > 254 || !EMAIL.test(email))
    throw new CustosError({
      code: 'invalid-input',
      message: 'the e-mail address is not one: give it as name@example.com',
      details: { field: 'email' },
    });
  const password = account.password === undefined ? newStaffPassword() : checkNewPassword(account.password);
  const user = await users
    .create({
      id: `staff_${randomBytes(8).toString('hex')}`,
      email,
      role: account.role,
      passwordHash: await hashPassword(password),
      disabled: false,
      createdAt: clock.now(),
    })
    .catch((error: unknown) => {
      // The id is new and random: a conflict is the address, in some case.
      if (isCustosError(error) && error.code === 'conflict')
        throw new CustosError({
          code: 'conflict',
          message: 'a staff user with this e-mail address (in any case) already exists: `custos users list` shows them',
          details: { field: 'email' },
        });
      throw error;
    });
  return { user, password };
}

/** Disables the account with this e-mail address and ends its sessions; `not-found` when there is none. */
export async function disableStaffAccount(
  store: { readonly users: Users; readonly staffSessions: StaffSessions },
  email: string,
): Promise<{ readonly user: StaffUser; readonly sessionsEnded: number }> {
  const found = await store.users.byEmail(foldEmail(email));
  if (!found)
    throw new CustosError({ code: 'not-found', message: 'no staff user has this e-mail address: `custos users list` shows them' });
  const user = await store.users.update(found.id, { disabled: true });
  return { user, sessionsEnded: await store.staffSessions.deleteForStaff(user.id) };
}
