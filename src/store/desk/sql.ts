// What the desk's tables need of an engine: reads, and writes in one transaction that roll back on a lost race.
import type { CustosError } from '../../errors.js';

export interface DeskStatement {
  /** SQL with `$1`, `$2`… parameters (the SQLite store reads them as `?1`, `?2`…). */
  readonly sql: string;
  readonly params: readonly unknown[];
  /** When the statement changes no row, everything is rolled back and the write returns false. */
  readonly mustChange?: boolean;
}

export interface DeskSql {
  all<R>(sql: string, params: readonly unknown[]): Promise<R[]>;
  /**
   * One statement that writes and returns rows (`… RETURNING`), in a write transaction of its own taken before it reads
   * (SQLite: `BEGIN IMMEDIATE`), so two connections never both read a row as free and both take it.
   */
  claim<R>(sql: string, params: readonly unknown[]): Promise<R[]>;
  /**
   * What a subquery picking rows to claim ends with: `FOR UPDATE SKIP LOCKED` on PostgreSQL (rows another transaction
   * is claiming are passed over, not waited for); empty on SQLite, where the write transaction holds the whole file.
   */
  readonly skipLocked: string;
  /**
   * Runs the statements in one transaction: true once committed; false, with nothing written, when a `mustChange`
   * statement changed nothing. A unique key taken throws `duplicate()`.
   */
  write(statements: readonly DeskStatement[], duplicate: () => CustosError): Promise<boolean>;
}

/** True for a unique or primary-key violation of either engine. */
export function isDuplicate(error: unknown): boolean {
  const code = String((error as { code?: unknown } | undefined)?.code ?? '');
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The desk's tables, alike on both engines (instants as ISO text, flags as 0/1). */
export const DESK_TABLES = `
  CREATE TABLE requests (
    id text PRIMARY KEY,
    kind text NOT NULL,
    status text NOT NULL,
    jurisdiction text NOT NULL,
    due_on text NOT NULL,
    version integer NOT NULL,
    body text NOT NULL
  );
  CREATE INDEX requests_due ON requests (due_on, id);
  CREATE INDEX requests_status_due ON requests (status, due_on, id);
  CREATE TABLE request_transitions (
    request_id text NOT NULL REFERENCES requests(id),
    seq integer NOT NULL,
    body text NOT NULL,
    PRIMARY KEY (request_id, seq)
  );
  CREATE TABLE outbox (
    id text PRIMARY KEY,
    request_id text,
    recipient text NOT NULL,
    template text NOT NULL,
    language text NOT NULL,
    params text NOT NULL,
    body text,
    status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    queued_at text NOT NULL,
    sent_at text
  );
  CREATE INDEX outbox_queued ON outbox (status, queued_at, id);
  CREATE TABLE users (
    id text PRIMARY KEY,
    email text NOT NULL,
    email_key text NOT NULL UNIQUE,
    role text NOT NULL,
    password_hash text NOT NULL,
    totp_seed text,
    disabled integer NOT NULL DEFAULT 0,
    created_at text NOT NULL
  );
  CREATE TABLE api_keys (
    id text PRIMARY KEY,
    secret_hash text NOT NULL,
    scopes text NOT NULL,
    created_at text NOT NULL,
    revoked_at text,
    last_used_at text
  );
`;

/**
 * What the staff queue filters and pages by: each request's channel in a column (filled from the stored body, whose
 * JSON each engine reads its own way), and the outbox by time and by request.
 */
export const STAFF_QUEUE_INDEXES = (channelOfBody: string): string => `
  ALTER TABLE requests ADD COLUMN channel text;
  UPDATE requests SET channel = ${channelOfBody};
  CREATE INDEX requests_channel_due ON requests (channel, due_on, id);
  CREATE INDEX outbox_time ON outbox (queued_at, id);
  CREATE INDEX outbox_request ON outbox (request_id, queued_at, id);
`;

/**
 * What the console's dashboard counts by: each request's instants of receipt and closure in columns (ISO text, filled
 * from the stored body, whose JSON each engine reads its own way), so the weeks' activity is read without every body.
 */
export const REQUEST_ACTIVITY_COLUMNS = (fieldOfBody: (field: string) => string): string => `
  ALTER TABLE requests ADD COLUMN received_at text;
  ALTER TABLE requests ADD COLUMN closed_at text;
  UPDATE requests SET received_at = ${fieldOfBody('receivedAt')}, closed_at = ${fieldOfBody('closedAt')};
  CREATE INDEX requests_closed ON requests (closed_at);
`;

/** The desk's secrets: hashed tokens and codes, rate counts by window, sealed identity proofs. */
export const DESK_SECRET_TABLES = `
  CREATE TABLE request_tokens (
    hash text PRIMARY KEY,
    purpose text NOT NULL CHECK (purpose IN ('status', 'download')),
    request_id text NOT NULL,
    created_at text NOT NULL,
    expires_at text,
    used_at text,
    file text
  );
  CREATE INDEX request_tokens_request ON request_tokens (request_id, purpose);
  CREATE TABLE verification_codes (
    request_id text PRIMARY KEY,
    hash text NOT NULL,
    salt text NOT NULL,
    expires_at text NOT NULL,
    attempts integer NOT NULL DEFAULT 0
  );
  CREATE TABLE rate_counts (
    scope text NOT NULL,
    key text NOT NULL,
    window_start text NOT NULL,
    count integer NOT NULL,
    PRIMARY KEY (scope, key, window_start)
  );
  CREATE TABLE identity_proofs (
    id text PRIMARY KEY,
    request_id text NOT NULL,
    envelope text NOT NULL,
    media_type text NOT NULL,
    size integer NOT NULL,
    uploaded_at text NOT NULL
  );
  CREATE INDEX identity_proofs_request ON identity_proofs (request_id);
`;

/**
 * Staff accounts as the console signs them in: TOTP state on users (the confirmed seed's time and last accepted step, a
 * seed pending confirmation, both seeds sealed by the vault), and their sessions. Roles are the console's
 * (`STAFF_ROLES`): a desk `agent` of the first desk tables becomes an `analyst`, who reads requests and decides nothing,
 * so no account gains a right by the change; an admin gives back more by hand (`custos users` …).
 */
export const STAFF_TABLES = `
  ALTER TABLE users ADD COLUMN totp_confirmed_at text;
  ALTER TABLE users ADD COLUMN totp_last_step bigint;
  ALTER TABLE users ADD COLUMN pending_totp_seed text;
  UPDATE users SET role = 'analyst' WHERE role = 'agent';
  CREATE TABLE staff_sessions (
    id_hash text PRIMARY KEY,
    staff_id text NOT NULL REFERENCES users(id),
    stage text NOT NULL CHECK (stage IN ('complete', 'totp-enrolment')),
    csrf_secret text NOT NULL,
    created_at text NOT NULL,
    last_seen_at text NOT NULL
  );
  CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
  CREATE INDEX staff_sessions_last_seen ON staff_sessions (last_seen_at);
`;

/**
 * The outbox found by recipient (K6.3: a person's messages in their access package), by a lower-cased key of the address
 * (the key new rows get from `outboxKey`; rows queued before are keyed by the engine's `lower`, which on SQLite folds
 * ASCII letters only), and each queued message's claim: the process sending it, and until when (ISO text).
 */
export const OUTBOX_RECIPIENTS_AND_CLAIMS = `
  ALTER TABLE outbox ADD COLUMN recipient_key text;
  UPDATE outbox SET recipient_key = lower(trim(recipient));
  CREATE INDEX outbox_recipient ON outbox (recipient_key, queued_at, id);
  ALTER TABLE outbox ADD COLUMN claimed_by text;
  ALTER TABLE outbox ADD COLUMN claimed_until text;
`;
