// Staff users and API keys in the store: hashes and sealed envelopes kept as the caller gives them.
import { CustosError } from '../../errors.js';
import type { ApiKey, ApiKeys, StaffRole, StaffUser, Users } from './desk.js';
import type { DeskSql } from './sql.js';

interface UserRow {
  id: string;
  email: string;
  role: StaffRole;
  password_hash: string;
  totp_seed: string | null;
  totp_confirmed_at: string | null;
  totp_last_step: number | string | null;
  pending_totp_seed: string | null;
  disabled: number;
  created_at: string;
}

/** How an e-mail address is compared: whatever its case (Unicode lower case, so `É` and `é` are one). */
const emailKey = (email: string): string => email.trim().toLowerCase();

const toUser = (r: UserRow): StaffUser => ({
  id: r.id,
  email: r.email,
  role: r.role,
  passwordHash: r.password_hash,
  ...(r.totp_seed === null ? {} : { totpSeed: r.totp_seed }),
  ...(r.totp_confirmed_at === null ? {} : { totpConfirmedAt: new Date(r.totp_confirmed_at) }),
  // PostgreSQL's bigint reads as text.
  ...(r.totp_last_step === null ? {} : { totpLastStep: Number(r.totp_last_step) }),
  ...(r.pending_totp_seed === null ? {} : { pendingTotpSeed: r.pending_totp_seed }),
  disabled: Number(r.disabled) === 1,
  createdAt: new Date(r.created_at),
});

export function deskUsers(db: DeskSql): Users {
  const get = async (id: string) => (await db.all<UserRow>('SELECT * FROM users WHERE id = $1', [id])).map(toUser)[0];
  return {
    async create(user) {
      await db.write(
        [
          {
            sql: `INSERT INTO users (id, email, email_key, role, password_hash, totp_seed, totp_confirmed_at, totp_last_step,
                    pending_totp_seed, disabled, created_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            params: [
              user.id,
              user.email,
              emailKey(user.email),
              user.role,
              user.passwordHash,
              user.totpSeed ?? null,
              user.totpConfirmedAt?.toISOString() ?? null,
              user.totpLastStep ?? null,
              user.pendingTotpSeed ?? null,
              user.disabled ? 1 : 0,
              user.createdAt.toISOString(),
            ],
          },
        ],
        // The address is personal data: the error names the user id only.
        () =>
          new CustosError({
            code: 'conflict',
            message: `user ${user.id} cannot be created: its id or e-mail address belongs to another user`,
            details: { userId: user.id },
          }),
      );
      return user;
    },
    get,
    byEmail: async (email) => (await db.all<UserRow>('SELECT * FROM users WHERE email_key = $1', [emailKey(email)])).map(toUser)[0],
    async update(id, changes) {
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown) => sets.push(`${column} = $${params.push(value)}`);
      if (changes.role !== undefined) set('role', changes.role);
      if (changes.passwordHash !== undefined) set('password_hash', changes.passwordHash);
      if ('totpSeed' in changes) set('totp_seed', changes.totpSeed ?? null);
      if ('totpConfirmedAt' in changes) set('totp_confirmed_at', changes.totpConfirmedAt?.toISOString() ?? null);
      if ('totpLastStep' in changes) set('totp_last_step', changes.totpLastStep ?? null);
      if ('pendingTotpSeed' in changes) set('pending_totp_seed', changes.pendingTotpSeed ?? null);
      if (changes.disabled !== undefined) set('disabled', changes.disabled ? 1 : 0);
      const notFound = () => new CustosError({ code: 'not-found', message: `no user ${id}`, details: { userId: id } });
      if (
        sets.length > 0 &&
        !(await db.write([{ sql: `UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params, mustChange: true }], notFound))
      )
        throw notFound();
      const user = await get(id);
      if (!user) throw notFound();
      return user;
    },
    // One conditional statement, so two sign-ins racing with the same code cannot both raise it.
    recordTotpStep: (id, step) =>
      db.write(
        [
          {
            sql: `UPDATE users SET totp_last_step = $2
                  WHERE id = $1 AND totp_seed IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < $2)`,
            params: [id, step],
            mustChange: true,
          },
        ],
        () => new CustosError({ code: 'internal', message: 'a TOTP step cannot take a unique key' }),
      ),
    list: async () => (await db.all<UserRow>('SELECT * FROM users ORDER BY created_at, id', [])).map(toUser),
  };
}

interface KeyRow {
  id: string;
  secret_hash: string;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const toKey = (r: KeyRow): ApiKey => ({
  id: r.id,
  secretHash: r.secret_hash,
  scopes: JSON.parse(r.scopes) as string[],
  createdAt: new Date(r.created_at),
  ...(r.revoked_at === null ? {} : { revokedAt: new Date(r.revoked_at) }),
  ...(r.last_used_at === null ? {} : { lastUsedAt: new Date(r.last_used_at) }),
});

export function deskApiKeys(db: DeskSql): ApiKeys {
  const never = () => new CustosError({ code: 'internal', message: 'an API key update cannot take a unique key' });
  return {
    async create(key) {
      await db.write(
        [
          {
            sql: 'INSERT INTO api_keys (id, secret_hash, scopes, created_at) VALUES ($1, $2, $3, $4)',
            params: [key.id, key.secretHash, JSON.stringify(key.scopes), key.createdAt.toISOString()],
          },
        ],
        () => new CustosError({ code: 'conflict', message: `API key ${key.id} already exists`, details: { keyId: key.id } }),
      );
      return key;
    },
    get: async (id) => (await db.all<KeyRow>('SELECT * FROM api_keys WHERE id = $1', [id])).map(toKey)[0],
    list: async () => (await db.all<KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id', [])).map(toKey),
    revoke: (id, at) =>
      db.write(
        [
          {
            sql: 'UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
            params: [id, at.toISOString()],
            mustChange: true,
          },
        ],
        never,
      ),
    touch: (id, at) =>
      db.write(
        [
          {
            sql: 'UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND revoked_at IS NULL',
            params: [id, at.toISOString()],
            mustChange: true,
          },
        ],
        never,
      ),
  };
}
