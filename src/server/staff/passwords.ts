// Staff passwords: argon2id with OWASP's minimum parameters, and a verification that costs the same for unknown accounts.
import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1. `Algorithm` is a `const enum` the native module
 * does not export at run time, so its value (Argon2id = 2) is written here.
 */
export const PASSWORD_HASHING: Readonly<Options> = Object.freeze({
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

/** Passwords shorter than this are refused when set (NIST SP 800-63B: at least 8; 12 for staff of a privacy tool). */
export const MIN_PASSWORD_LENGTH = 12;
/** argon2 hashes any length; a bound keeps one request from costing the server a megabyte hash. */
export const MAX_PASSWORD_LENGTH = 256;

/** A password for a new account: 24 base64url characters, 144 random bits, typed once into a password manager. */
export function newStaffPassword(): string {
  return randomBytes(18).toString('base64url');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASHING);
}

/**
 * True when `password` matches `passwordHash`. Without a hash (no such account) a fixed hash is verified anyway, so an
 * unknown e-mail takes as long to refuse as a wrong password and timing does not tell whether the account exists.
 */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  const matched = await verify(passwordHash ?? (await decoyHash()), password).catch(() => false);
  return passwordHash !== undefined && matched;
}

let decoy: Promise<string> | undefined;
function decoyHash(): Promise<string> {
  decoy ??= hashPassword('no account has this password: it only makes refusals cost the same');
  return decoy;
}
