// The request desk's concerns in Custos's store: rights requests (with their history), the outbox, staff users and
// their sessions, API keys.
import type {
  IntakeChannel,
  RequestKind,
  RequestStatus,
  RightsRequest,
  SessionStage,
  StaffRole,
  Transition,
} from '../../workflow/index.js';

/** A request as stored: its version increases with each save, so a concurrent change is detected, never lost. */
export interface StoredRequest {
  readonly request: RightsRequest;
  readonly version: number;
  /** The due day (`YYYY-MM-DD`) the desk computed when it saved the request (`deadlineOf(request, now).due`). */
  readonly due: string;
}

export interface RequestFilter {
  readonly kinds?: readonly RequestKind[] | undefined;
  readonly statuses?: readonly RequestStatus[] | undefined;
  readonly jurisdiction?: string | undefined;
  /** How the requests came in (`web`, `email`, `post`, `api`). */
  readonly channels?: readonly IntakeChannel[] | undefined;
  /** Requests due strictly before this day (`YYYY-MM-DD`). */
  readonly dueBefore?: string | undefined;
  /** Requests due on this day (`YYYY-MM-DD`) or later. */
  readonly dueFrom?: string | undefined;
}

export interface RequestPage {
  /** The soonest due first, then by id. */
  readonly items: readonly StoredRequest[];
  /** Give it back as `after` for the next page; absent on the last page. */
  readonly next?: string | undefined;
}

export interface RequestStore {
  /** Stores a new request at version 1; `conflict` when its id is taken. */
  create(request: RightsRequest, due: string, transitions?: readonly Transition[]): Promise<StoredRequest>;
  /**
   * Stores the request as a transition left it, with the transitions taken, if it is still at `expectedVersion`:
   * otherwise someone changed it meanwhile, and this is a `conflict` (reload, decide again), never a lost update. The
   * `messages` the change sends are queued in the same write: a request is never answered without its message.
   */
  update(
    request: RightsRequest,
    options: {
      readonly expectedVersion: number;
      readonly due: string;
      readonly transitions?: readonly Transition[];
      readonly messages?: readonly NewOutboxMessage[];
    },
  ): Promise<StoredRequest>;
  get(id: string): Promise<StoredRequest | undefined>;
  /** How many requests match `filter` (what `list` would page through), counted by the database: no row is read. */
  count(filter?: RequestFilter): Promise<number>;
  /** A page of the requests matching `filter`, by keyset: a page deep in the list costs what the first one does. */
  list(filter?: RequestFilter, page?: { readonly after?: string | undefined; readonly limit?: number | undefined }): Promise<RequestPage>;
  /** The request's transitions, oldest first. */
  history(id: string): Promise<readonly Transition[]>;
  /**
   * What the console's dashboard counts: every open request, and every one received or closed at `since` or later
   * (received, due and closing instants only; no body is read).
   */
  activity(since: Date): Promise<readonly RequestActivity[]>;
}

/** A request as the dashboard counts it. */
export interface RequestActivity {
  readonly status: RequestStatus;
  /** The due day (`YYYY-MM-DD`) saved with it. */
  readonly due: string;
  readonly receivedAt: Date;
  /** When it was completed, denied or cancelled. */
  readonly closedAt?: Date | undefined;
}

export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface NewOutboxMessage {
  readonly id: string;
  readonly requestId?: string | undefined;
  /** The recipient's address. */
  readonly to: string;
  readonly template: string;
  readonly language: string;
  /** What the template is filled with, as ids (request id, deadline day), never personal data. */
  readonly params: Readonly<Record<string, string>>;
  /** The message's body as the caller gives it (the vault seals personal data before it gets here). */
  readonly body?: string | undefined;
  readonly queuedAt: Date;
}

export interface OutboxMessage extends NewOutboxMessage {
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly sentAt?: Date | undefined;
  /** While a sender holds the queued message (`Outbox.claim`): until when; absent once it is marked or released. */
  readonly claimedUntil?: Date | undefined;
}

/** What `Outbox.claim` is asked for. */
export interface OutboxClaim {
  /** Who claims: one sending pass of one process (an id of its own, never personal data). */
  readonly owner: string;
  /** Messages claimed at most, the oldest first. */
  readonly limit: number;
  /** The caller's clock: a claim that ended before it is free again. */
  readonly now: Date;
  /** How long the claim lasts: a sender that died leaves it, and it frees itself then. */
  readonly leaseMs: number;
}

export interface Outbox {
  /** Queues a message; `conflict` when its id is taken. */
  enqueue(message: NewOutboxMessage): Promise<OutboxMessage>;
  get(id: string): Promise<OutboxMessage | undefined>;
  /** Up to `limit` queued messages, the oldest first (claimed or not). */
  queued(limit: number): Promise<readonly OutboxMessage[]>;
  /**
   * Claims up to `limit` queued messages no one holds (never claimed, released, or whose claim ended by `now`), the
   * oldest first, for `owner` until `now + leaseMs`, and returns them: two processes claiming at once never get the
   * same message. `markSent`, `markAttemptFailed` and `release` end a claim.
   */
  claim(claim: OutboxClaim): Promise<readonly OutboxMessage[]>;
  /** Gives back the messages `owner` claimed and did not send (a pass stopped early); the others are left as they are. */
  release(ids: readonly string[], owner: string): Promise<void>;
  /**
   * Every message to this address, whatever its case (K6.3: the person's messages for their access package), the oldest
   * first, at most 10,000.
   */
  forRecipient(address: string): Promise<readonly OutboxMessage[]>;
  /**
   * Counts an attempt and marks the message sent; false when it was not queued (sent by another process). The params
   * named in `forget` (a code, a download link: what opens something) are removed in the same write, so the outbox
   * holds them only until they reached the person.
   */
  markSent(id: string, at: Date, forget?: readonly string[]): Promise<boolean>;
  /** Counts a failed attempt; `final` marks the message failed, else it stays queued for another attempt. */
  markAttemptFailed(id: string, final: boolean): Promise<boolean>;
  /** A page of messages, the newest first (by keyset); only one request's with `requestId`. */
  list(
    filter?: { readonly requestId?: string | undefined },
    page?: { readonly after?: string | undefined; readonly limit?: number | undefined },
  ): Promise<OutboxPage>;
}

export interface OutboxPage {
  readonly items: readonly OutboxMessage[];
  /** Give it back as `after` for the next page; absent on the last page. */
  readonly next?: string | undefined;
}

export type { SessionStage, StaffRole } from '../../workflow/index.js';

export interface StaffUser {
  readonly id: string;
  /** Unique whatever its case: `Ada@Example.com` and `ada@example.com` are one user. */
  readonly email: string;
  /** A console role (src/workflow's `STAFF_ROLES`). */
  readonly role: StaffRole;
  /** The password's hash, as the caller computed it: the store never sees a password. */
  readonly passwordHash: string;
  /** The confirmed TOTP seed, sealed in an envelope by the caller; absent before enrolment. */
  readonly totpSeed?: string | undefined;
  /** When a first code confirmed `totpSeed`. */
  readonly totpConfirmedAt?: Date | undefined;
  /** The last TOTP time step a code was accepted for: a code is never accepted twice (RFC 6238 §5.2). */
  readonly totpLastStep?: number | undefined;
  /** A seed shown at enrolment and not yet confirmed by a first code, sealed by the caller. */
  readonly pendingTotpSeed?: string | undefined;
  readonly disabled: boolean;
  readonly createdAt: Date;
}

/** What `Users.update` changes; a key given as `undefined` clears that value (a TOTP field), absent keeps it. */
export type StaffUserChanges = Partial<
  Pick<StaffUser, 'role' | 'passwordHash' | 'totpSeed' | 'totpConfirmedAt' | 'totpLastStep' | 'pendingTotpSeed' | 'disabled'>
>;

export interface Users {
  /** `conflict` when the e-mail address (in any case) or the id is taken. */
  create(user: StaffUser): Promise<StaffUser>;
  get(id: string): Promise<StaffUser | undefined>;
  /** The user with this e-mail address, whatever its case. */
  byEmail(email: string): Promise<StaffUser | undefined>;
  /** Changes what is given; `not-found` for an unknown id. */
  update(id: string, changes: StaffUserChanges): Promise<StaffUser>;
  /**
   * Raises the last accepted TOTP step to `step` in one statement; false when it already was at `step` or later (the
   * code was spent, perhaps by a concurrent sign-in) or the user has no confirmed seed.
   */
  recordTotpStep(id: string, step: number): Promise<boolean>;
  list(): Promise<readonly StaffUser[]>;
}

/** A staff member's session, keyed by the hash of its cookie's id (the store never sees the id itself). */
export interface StoredStaffSession {
  readonly idHash: string;
  readonly staffId: string;
  readonly stage: SessionStage;
  /** Secret of the session's CSRF tokens. */
  readonly csrfSecret: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
}

export interface StaffSessions {
  /** `conflict` when the id hash is taken. */
  create(session: StoredStaffSession): Promise<void>;
  get(idHash: string): Promise<StoredStaffSession | undefined>;
  /** Records a use; false for an unknown session. */
  touch(idHash: string, lastSeenAt: Date): Promise<boolean>;
  delete(idHash: string): Promise<void>;
  /** Ends every session of one staff member; returns how many ended. */
  deleteForStaff(staffId: string): Promise<number>;
  /** Deletes the sessions unused since `idleBefore` or created before `createdBefore`; returns how many. */
  purgeExpired(bounds: { readonly idleBefore: Date; readonly createdBefore: Date }): Promise<number>;
}

export interface ApiKey {
  readonly id: string;
  /** The secret's hash, as the caller computed it. */
  readonly secretHash: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly revokedAt?: Date | undefined;
  readonly lastUsedAt?: Date | undefined;
}

export interface ApiKeys {
  /** `conflict` when the id is taken. */
  create(key: Omit<ApiKey, 'revokedAt' | 'lastUsedAt'>): Promise<ApiKey>;
  get(id: string): Promise<ApiKey | undefined>;
  list(): Promise<readonly ApiKey[]>;
  /** False when the key is unknown or already revoked. */
  revoke(id: string, at: Date): Promise<boolean>;
  /** Records a use; false when the key is unknown or revoked. */
  touch(id: string, at: Date): Promise<boolean>;
}

/** What a request token lets its holder do: follow the request (`status`), or fetch its package once (`download`). */
export const REQUEST_TOKEN_PURPOSES = ['status', 'download'] as const;
export type RequestTokenPurpose = (typeof REQUEST_TOKEN_PURPOSES)[number];

/** A token given to the person, kept only as its hash. */
export interface RequestToken {
  /** The token's hash (the token itself is never stored). */
  readonly hash: string;
  readonly purpose: RequestTokenPurpose;
  readonly requestId: string;
  readonly createdAt: Date;
  /** Absent: valid as long as the request is kept. */
  readonly expiresAt?: Date | undefined;
  /** When a single-use token was used. */
  readonly usedAt?: Date | undefined;
  /** What a download token hands over: a file under the desk's private folder. */
  readonly file?: string | undefined;
}

/** The e-mail code a request waits for, kept as a salted hash; one per request (a new code replaces the last). */
export interface VerificationCode {
  readonly requestId: string;
  readonly hash: string;
  readonly salt: string;
  readonly expiresAt: Date;
  /** Wrong codes tried so far. */
  readonly attempts: number;
}

/** An identity document uploaded as extra proof: its sealed envelope, never the bytes. */
export interface IdentityProof {
  readonly id: string;
  readonly requestId: string;
  /** The vault envelope (base64url) the document is sealed in. */
  readonly envelope: string;
  readonly mediaType: string;
  readonly size: number;
  readonly uploadedAt: Date;
}

/** The desk's secrets and counters: hashed tokens and codes, rate counts, sealed proofs. */
export interface DeskSecrets {
  /** `conflict` when the hash is taken. */
  addToken(token: RequestToken): Promise<void>;
  token(hash: string): Promise<RequestToken | undefined>;
  /** Marks a token used at `at`, once, before it expires: the token as it was, or undefined (used, expired, unknown). */
  useToken(hash: string, at: Date): Promise<RequestToken | undefined>;
  /** Tokens of `purpose` that expired unused by `at`, the oldest first (up to `limit`): their files are to be removed. */
  expiredTokens(purpose: RequestTokenPurpose, at: Date, limit: number): Promise<readonly RequestToken[]>;
  /** Removes one token; false when it was already removed. */
  dropToken(hash: string): Promise<boolean>;
  /** Removes the request's tokens of `purpose`. */
  dropTokens(requestId: string, purpose: RequestTokenPurpose): Promise<void>;
  /** Sets the request's code, replacing any earlier one (and its attempts). */
  setCode(code: VerificationCode): Promise<void>;
  code(requestId: string): Promise<VerificationCode | undefined>;
  /** Counts one attempt at the request's code, while fewer than `max` were made: the attempts then, or undefined. */
  countCodeAttempt(requestId: string, max: number): Promise<number | undefined>;
  dropCode(requestId: string): Promise<void>;
  /**
   * Counts one event for `key` (a keyed hash, never an address) in `scope` during the window starting `window`: the
   * count after it, agreed between processes sharing the store.
   */
  hit(scope: string, key: string, window: Date): Promise<number>;
  /** `conflict` when the id is taken. */
  addProof(proof: IdentityProof): Promise<void>;
  proofs(requestId: string): Promise<readonly IdentityProof[]>;
  /** False when it was already removed. */
  dropProof(id: string): Promise<boolean>;
}
