// Checking a sign-in: throttle first, then password (argon2id), then the TOTP code when the account has one.
import type { Clock } from '../../clock.js';
import type { SessionStage, StaffDirectory, StaffMember } from './directory.js';
import { foldEmail } from './email.js';
import { verifyPassword } from './passwords.js';
import type { LoginThrottle } from './throttle.js';
import { acceptedTotpStep } from './totp.js';

export interface SignInAttempt {
  readonly email: string;
  readonly password: string;
  readonly totp?: string | undefined;
  /** The client's address, for the per-address throttle. */
  readonly address: string;
}

export type SignInOutcome =
  | { readonly ok: true; readonly member: StaffMember; readonly stage: SessionStage }
  /** `totp-required`: right password, but the account has TOTP and no code came. Counted as a failure all the same. */
  | { readonly ok: false; readonly reason: 'throttled' | 'refused' | 'totp-required' };

export interface SignInDependencies {
  readonly directory: StaffDirectory;
  readonly throttle: LoginThrottle;
  readonly clock: Clock;
}

/**
 * Every failure but `totp-required` is the same `refused`, whether the e-mail exists, the password is wrong, the
 * account is disabled or the code is wrong; an unknown e-mail costs a password verification like a known one. An admin
 * without TOTP gets a `totp-enrolment` session: enrolment and sign-out only.
 */
export async function checkSignIn(attempt: SignInAttempt, deps: SignInDependencies): Promise<SignInOutcome> {
  const account = foldEmail(attempt.email);
  if (deps.throttle.isBlocked(account, attempt.address)) return { ok: false, reason: 'throttled' };
  const member = await deps.directory.findByEmail(account);
  const passwordOk = await verifyPassword(member?.passwordHash, attempt.password);
  const failed = (reason: 'refused' | 'totp-required'): SignInOutcome => {
    deps.throttle.recordFailure(account, attempt.address);
    return { ok: false, reason };
  };
  if (!member || !passwordOk || member.disabled) return failed('refused');
  if (member.totp) {
    if (attempt.totp === undefined) return failed('totp-required');
    const step = acceptedTotpStep(member.totp.secret, attempt.totp, deps.clock.now(), member.totp.lastStep);
    if (step === undefined) return failed('refused');
    // Spent by a concurrent sign-in between the check and now: refused like a replay.
    if (!(await deps.directory.recordTotpStep(member.id, step))) return failed('refused');
  }
  deps.throttle.recordSuccess(account);
  const stage: SessionStage = member.role === 'admin' && !member.totp ? 'totp-enrolment' : 'complete';
  return { ok: true, member, stage };
}
