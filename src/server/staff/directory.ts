// What the staff API needs from Custos's store: staff accounts and their sessions, as two small interfaces.
import type { StaffRole } from '../../workflow/index.js';
import type { StoredStaffSession } from '../../store/index.js';

export { SESSION_STAGES, type SessionStage } from '../../workflow/index.js';

export interface StaffTotp {
  /** Base32 TOTP secret, in clear only in memory: the store keeps it sealed by the vault (store-accounts.ts). */
  readonly secret: string;
  readonly confirmedAt: Date;
  /** The last time step a code was accepted for: a code is never accepted twice (RFC 6238 §5.2). */
  readonly lastStep: number;
}

export interface StaffMember {
  /** Stable id; what audit entries and workflow actors name (never the e-mail). */
  readonly id: string;
  /** Compared case-insensitively: the directory looks it up folded. */
  readonly email: string;
  readonly role: StaffRole;
  /** argon2id PHC string (`hashPassword`). */
  readonly passwordHash: string;
  readonly totp?: StaffTotp;
  /** A secret shown at enrolment and not yet confirmed by a first code. */
  readonly pendingTotpSecret?: string;
  readonly disabled?: boolean;
}

/** Staff accounts, looked up at sign-in and on every request. */
export interface StaffDirectory {
  findByEmail(email: string): Promise<StaffMember | undefined>;
  findById(id: string): Promise<StaffMember | undefined>;
  setPendingTotp(id: string, secret: string): Promise<void>;
  /** Makes the pending secret the account's TOTP secret, `lastStep` being the step of the confirming code. */
  confirmTotp(id: string, totp: StaffTotp): Promise<void>;
  /**
   * Raises `lastStep` to `step`; false when it already was at `step` or later: the code was spent meanwhile (another
   * sign-in with the same code), and this one is refused.
   */
  recordTotpStep(id: string, step: number): Promise<boolean>;
}

/** A session as the store keeps it, keyed by the SHA-256 of its cookie's id (a leaked table gives no usable cookie). */
export type StaffSession = StoredStaffSession;

export interface StaffSessionStore {
  create(session: StaffSession): Promise<void>;
  find(idHash: string): Promise<StaffSession | undefined>;
  touch(idHash: string, lastSeenAt: Date): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Ends every session of one staff member (after TOTP enrolment, a password change, an account disabled). */
  deleteForStaff(staffId: string): Promise<void>;
  /**
   * Deletes the sessions unused since `idleBefore` or created before `createdBefore` (abandoned without a sign-out);
   * returns how many.
   */
  purgeExpired(bounds: { readonly idleBefore: Date; readonly createdBefore: Date }): Promise<number>;
}
