// What the console's sign-in pages ask of the server's staff module (src/server/staff): the server implements it, so
// the pages never import the server (which imports them).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole } from '../../workflow/index.js';

/** A sign-in's outcome as the page tells it: the stage of the session opened, or why none was. */
export type ConsoleSignIn =
  | { readonly ok: true; readonly stage: 'complete' | 'totp-enrolment'; readonly role: StaffRole }
  | { readonly ok: false; readonly reason: 'throttled' | 'refused' | 'totp-required' };

/** A TOTP secret being enrolled: typed in (`secret`), scanned (`svg`, the otpauth URI as a QR code). */
export interface ConsoleEnrolment {
  readonly secret: string;
  readonly uri: string;
  readonly svg: string;
}

export interface ConsoleAuth {
  /** Checks the e-mail, password and code (throttled like the API's login); on success the session's cookie is set. */
  signIn(request: FastifyRequest, reply: FastifyReply, attempt: { email: string; password: string; totp?: string }): Promise<ConsoleSignIn>;
  /** Ends the request's session on the server and clears its cookie. */
  signOut(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /**
   * The signed-in member's enrolment: `show` reads the one under way (`not-started` when none), `new` starts one with
   * a new secret; `enrolled` once the member has an authenticator.
   */
  enrolment(request: FastifyRequest, mode: 'show' | 'new'): Promise<ConsoleEnrolment | 'enrolled' | 'not-started'>;
  /** Confirms enrolment with a first code: every session of the member ends and a new one opens. False: wrong code. */
  confirmEnrolment(request: FastifyRequest, reply: FastifyReply, code: string): Promise<boolean>;
}
