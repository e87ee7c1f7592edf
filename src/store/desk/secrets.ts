// The desk's secrets in the store: tokens and codes as hashes, rate counts per window, identity proofs as envelopes.
import { CustosError } from '../../errors.js';
import type { DeskSecrets, IdentityProof, RequestToken, RequestTokenPurpose, VerificationCode } from './desk.js';
import type { DeskSql } from './sql.js';

interface TokenRow {
  hash: string;
  purpose: RequestTokenPurpose;
  request_id: string;
  created_at: string;
  expires_at: string | null;
  used_at: string | null;
  file: string | null;
}

interface CodeRow {
  request_id: string;
  hash: string;
  salt: string;
  expires_at: string;
  attempts: number;
}

interface ProofRow {
  id: string;
  request_id: string;
  envelope: string;
  media_type: string;
  size: number;
  uploaded_at: string;
}

const toToken = (r: TokenRow): RequestToken => ({
  hash: r.hash,
  purpose: r.purpose,
  requestId: r.request_id,
  createdAt: new Date(r.created_at),
  ...(r.expires_at === null ? {} : { expiresAt: new Date(r.expires_at) }),
  ...(r.used_at === null ? {} : { usedAt: new Date(r.used_at) }),
  ...(r.file === null ? {} : { file: r.file }),
});

const toCode = (r: CodeRow): VerificationCode => ({
  requestId: r.request_id,
  hash: r.hash,
  salt: r.salt,
  expiresAt: new Date(r.expires_at),
  attempts: Number(r.attempts),
});

const toProof = (r: ProofRow): IdentityProof => ({
  id: r.id,
  requestId: r.request_id,
  envelope: r.envelope,
  mediaType: r.media_type,
  size: Number(r.size),
  uploadedAt: new Date(r.uploaded_at),
});

export function deskSecrets(db: DeskSql): DeskSecrets {
  const never = () => new CustosError({ code: 'internal', message: 'this write of the desk cannot take a unique key' });
  return {
    async addToken(t) {
      await db.write(
        [
          {
            sql: `INSERT INTO request_tokens (hash, purpose, request_id, created_at, expires_at, file) VALUES ($1, $2, $3, $4, $5, $6)`,
            params: [t.hash, t.purpose, t.requestId, t.createdAt.toISOString(), t.expiresAt?.toISOString() ?? null, t.file ?? null],
          },
        ],
        // Named by its request, never by the hash: a hash is as good as the token for matching.
        () =>
          new CustosError({ code: 'conflict', message: `a token of request ${t.requestId} is taken`, details: { requestId: t.requestId } }),
      );
    },
    token: async (hash) => (await db.all<TokenRow>('SELECT * FROM request_tokens WHERE hash = $1', [hash])).map(toToken)[0],
    async useToken(hash, at) {
      // One statement: of two processes using the same token at once, one gets it.
      const rows = await db.all<TokenRow>(
        `UPDATE request_tokens SET used_at = $2
          WHERE hash = $1 AND used_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
          RETURNING *`,
        [hash, at.toISOString()],
      );
      const used = rows[0];
      return used && { ...toToken(used), usedAt: undefined };
    },
    expiredTokens: async (purpose, at, limit) =>
      (
        await db.all<TokenRow>(
          `SELECT * FROM request_tokens WHERE purpose = $1 AND used_at IS NULL AND expires_at <= $2 ORDER BY expires_at, hash LIMIT $3`,
          [purpose, at.toISOString(), Math.max(1, Math.floor(limit))],
        )
      ).map(toToken),
    dropToken: (hash) => db.write([{ sql: 'DELETE FROM request_tokens WHERE hash = $1', params: [hash], mustChange: true }], never),
    async dropTokens(requestId, purpose) {
      await db.write([{ sql: 'DELETE FROM request_tokens WHERE request_id = $1 AND purpose = $2', params: [requestId, purpose] }], never);
    },
    async setCode(c) {
      await db.write(
        [
          { sql: 'DELETE FROM verification_codes WHERE request_id = $1', params: [c.requestId] },
          {
            sql: 'INSERT INTO verification_codes (request_id, hash, salt, expires_at, attempts) VALUES ($1, $2, $3, $4, $5)',
            params: [c.requestId, c.hash, c.salt, c.expiresAt.toISOString(), c.attempts],
          },
        ],
        never,
      );
    },
    code: async (requestId) =>
      (await db.all<CodeRow>('SELECT * FROM verification_codes WHERE request_id = $1', [requestId])).map(toCode)[0],
    async countCodeAttempt(requestId, max) {
      const rows = await db.all<{ attempts: number }>(
        'UPDATE verification_codes SET attempts = attempts + 1 WHERE request_id = $1 AND attempts < $2 RETURNING attempts',
        [requestId, max],
      );
      return rows[0] === undefined ? undefined : Number(rows[0].attempts);
    },
    async dropCode(requestId) {
      await db.write([{ sql: 'DELETE FROM verification_codes WHERE request_id = $1', params: [requestId] }], never);
    },
    async hit(scope, key, window) {
      const start = window.toISOString();
      // Earlier windows of this key are spent: removed as the next one counts, so the table holds one row per key.
      await db.write(
        [{ sql: 'DELETE FROM rate_counts WHERE scope = $1 AND key = $2 AND window_start < $3', params: [scope, key, start] }],
        never,
      );
      const rows = await db.all<{ count: number }>(
        `INSERT INTO rate_counts (scope, key, window_start, count) VALUES ($1, $2, $3, 1)
         ON CONFLICT (scope, key, window_start) DO UPDATE SET count = rate_counts.count + 1
         RETURNING count`,
        [scope, key, start],
      );
      return Number(rows[0]?.count ?? 0);
    },
    async addProof(p) {
      await db.write(
        [
          {
            sql: 'INSERT INTO identity_proofs (id, request_id, envelope, media_type, size, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6)',
            params: [p.id, p.requestId, p.envelope, p.mediaType, p.size, p.uploadedAt.toISOString()],
          },
        ],
        () => new CustosError({ code: 'conflict', message: `identity proof ${p.id} already exists`, details: { proofId: p.id } }),
      );
    },
    proofs: async (requestId) =>
      (await db.all<ProofRow>('SELECT * FROM identity_proofs WHERE request_id = $1 ORDER BY uploaded_at, id', [requestId])).map(toProof),
    dropProof: (id) => db.write([{ sql: 'DELETE FROM identity_proofs WHERE id = $1', params: [id], mustChange: true }], never),
  };
}
