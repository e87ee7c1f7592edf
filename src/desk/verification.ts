// Verifying who asks: a 6-digit e-mail code (hashed, 10 minutes, 5 tries, rate-limited), or the provider app's signed assertion.
import { CustosError } from '../errors.js';
import { foldIdentity } from '../rights/index.js';
import type { StoredRequest } from '../store/index.js';
import { SYSTEM_ACTOR } from '../workflow/index.js';
import type { DeskCore } from './core.js';
import { contactOf, enqueueMessage } from './messages.js';
import { applyMoves, loadRequest } from './moves.js';
import { assertionSigned, codeMatches, newCode, rateKey, tokenHash, type AppAssertion } from './secrets.js';

const HOUR_MS = 3_600_000;

/** The request a status token follows; `not-found` for any token that is not one (unknown, or another kind of token). */
export async function requestOfToken(core: DeskCore, statusToken: string): Promise<StoredRequest> {
  const token =
    typeof statusToken === 'string' && statusToken.length > 0 ? await core.store.secrets.token(tokenHash(statusToken)) : undefined;
  if (!token || token.purpose !== 'status')
    throw new CustosError({ code: 'not-found', message: 'no request follows this status token: check the link you were given' });
  return loadRequest(core, token.requestId);
}

/** Counts one event for `value` in `scope` this hour; `rate-limited` past `limit`. */
async function limit(core: DeskCore, scope: string, value: string, max: number, what: string): Promise<void> {
  const now = core.clock.now();
  const window = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const count = await core.store.secrets.hit(scope, rateKey(core.options.pseudonymKey, value), window);
  if (count > max)
    throw new CustosError({
      code: 'rate-limited',
      message: `too many ${what} this hour: try again after ${new Date(window.getTime() + HOUR_MS).toISOString()}`,
      details: { scope, retryAfter: new Date(window.getTime() + HOUR_MS).toISOString() },
    });
}

/**
 * Sends a new code to the request's e-mail address (replacing the last one), limited per address and per IP. The code
 * reaches the person only through the outbox (template `verification-code`, params `requestId`, `code`, `validMinutes`).
 */
export async function sendCode(core: DeskCore, stored: StoredRequest, ip: string): Promise<void> {
  const { request } = stored;
  if (request.status !== 'awaiting-verification')
    throw new CustosError({
      code: 'conflict',
      message: `request ${request.id} is ${request.status}: it is not waiting for an e-mail code`,
      details: { requestId: request.id, status: request.status },
    });
  const to = contactOf(core.model, request);
  if (to === undefined)
    throw new CustosError({
      code: 'precondition-failed',
      message: `request ${request.id} names no e-mail address to send a code to: staff verify it another way`,
      details: { requestId: request.id },
    });
  await limit(core, 'code-ip', ip, core.options.codesPerIpPerHour, 'codes requested from this address');
  await limit(core, 'code-email', to, core.options.codesPerAddressPerHour, 'codes sent to this e-mail address');
  const { code, hash, salt } = newCode();
  const expiresAt = new Date(core.clock.now().getTime() + core.options.codeLifetimeMs);
  await core.store.secrets.setCode({ requestId: request.id, hash, salt, expiresAt, attempts: 0 });
  await enqueueMessage(core, request, 'verification-code', {
    requestId: request.id,
    code,
    validMinutes: Math.max(1, Math.floor(core.options.codeLifetimeMs / 60_000)),
  });
}

/**
 * Checks the code the person typed: `unauthorized` when wrong (attempts left in details), `rate-limited` once 5 wrong
 * codes spent it or this IP tried too many, `precondition-failed` when it expired. A right code verifies the request,
 * which then goes on by itself (submitted; approved and run when its kind is automatic).
 */
export async function verifyCode(core: DeskCore, statusToken: string, code: string, ip: string): Promise<StoredRequest> {
  const stored = await requestOfToken(core, statusToken);
  const { request } = stored;
  await limit(core, 'try-ip', ip, core.options.codesPerIpPerHour * core.options.codeAttempts, 'codes tried from this address');
  const saved = await core.store.secrets.code(request.id);
  if (!saved || request.status !== 'awaiting-verification')
    throw new CustosError({
      code: 'precondition-failed',
      message: `request ${request.id} has no code waiting: ask for a new code`,
      details: { requestId: request.id },
    });
  if (saved.expiresAt.getTime() <= core.clock.now().getTime())
    throw new CustosError({
      code: 'precondition-failed',
      message: `the code for request ${request.id} has expired: ask for a new code`,
      details: { requestId: request.id },
    });
  const attempts = await core.store.secrets.countCodeAttempt(request.id, core.options.codeAttempts);
  if (attempts === undefined) throw spent(core, request.id);
  if (!codeMatches(String(code).trim(), saved.hash, saved.salt)) {
    await core.store.audit.append({
      actor: { kind: 'person', id: 'requester' },
      action: 'request.verification-failed',
      subjects: { request: request.id },
      details: { attempt: attempts },
    });
    if (attempts >= core.options.codeAttempts) {
      await core.store.secrets.dropCode(request.id);
      throw spent(core, request.id);
    }
    throw new CustosError({
      code: 'unauthorized',
      message: `this is not the code sent for request ${request.id}: ${core.options.codeAttempts - attempts} attempt(s) left`,
      details: { requestId: request.id, attemptsLeft: core.options.codeAttempts - attempts },
    });
  }
  await core.store.secrets.dropCode(request.id);
  return applyMoves(core, stored, [{ event: { type: 'verify' }, actor: SYSTEM_ACTOR, reason: 'e-mail code' }], { advance: true });
}

const spent = (core: DeskCore, requestId: string): CustosError =>
  new CustosError({
    code: 'rate-limited',
    message: `${core.options.codeAttempts} wrong codes were tried for request ${requestId}: this code no longer works; ask for a new code`,
    details: { requestId },
  });

/**
 * Verifies an account holder by the provider app's signed assertion that they are signed in as one of the identities
 * the request names: an HMAC-SHA256 with `CUSTOS_APP_SECRET`, compared in constant time, refused once expired.
 */
export async function verifyAssertion(core: DeskCore, requestId: string, assertion: AppAssertion): Promise<StoredRequest> {
  const secret = core.options.appSecret;
  if (secret === undefined)
    throw new CustosError({
      code: 'config',
      message: 'no CUSTOS_APP_SECRET is set: account holders cannot be verified by the provider app until it is',
    });
  const refused = (why: string) =>
    new CustosError({
      code: 'unauthorized',
      message: `the app's assertion for request ${requestId} is refused: ${why}`,
      details: { requestId },
    });
  if (typeof assertion?.identity !== 'string' || typeof assertion.value !== 'string' || !Number.isInteger(assertion.expires))
    throw refused('it must carry identity, value, expires (whole seconds) and signature');
  if (!assertionSigned(secret, assertion)) throw refused('its signature is not the app secret’s');
  if (assertion.expires * 1000 <= core.clock.now().getTime()) throw refused('it has expired');
  const stored = await loadRequest(core, requestId);
  const key = core.model.identities.get(assertion.identity);
  const claimed = stored.request.identities[assertion.identity] ?? [];
  const fold = (v: string) => foldIdentity(core.model, assertion.identity, v);
  if (!key || !claimed.some((v) => fold(v) === fold(assertion.value)))
    throw refused(`the signed-in account is not the one the request names by ${assertion.identity}`);
  return applyMoves(core, stored, [{ event: { type: 'verify' }, actor: SYSTEM_ACTOR, reason: 'signed-in account' }], { advance: true });
}
