// Custos's own records past their periods (K5.5): closed requests with what hangs off them, sent messages, finished
// journals, spent secrets. One SQL for both engines; each request batch is one transaction.
import { CustosError } from '../../errors.js';
import type { DeskSql } from './sql.js';

/** What a sweep of Custos's own records removes: each bound is an instant, rows dated at or before it go. */
export interface OwnRecordBounds {
  /**
   * Requests closed (completed, denied, cancelled) at or before it go, with their history, messages, tokens, code and
   * identity proofs.
   */
  readonly requestsClosedBy: Date;
  /** Messages sent at or before it, and failed messages queued at or before it, go; queued ones stay. */
  readonly messagesBy: Date;
  /** Runs finished at or before it go with their step log, unless a hold record names them (it says which run kept the rows). */
  readonly journalsBy: Date;
  /**
   * The sweep's instant: codes that expired by it go, used download links go, rate counts of windows a day older go,
   * and identity proofs of requests closed by it (destroyed at closing already; anything left is removed and counted).
   */
  readonly now: Date;
  /** Per template, the params that open something (a code, a download link): failed messages forget them. */
  readonly secretParams: Readonly<Record<string, readonly string[]>>;
}

/** Rows of each kind, removed (or, for a count, that a sweep would remove). */
export interface OwnRecordCounts {
  readonly requests: number;
  readonly messages: number;
  /** Failed messages whose codes or links were forgotten. */
  readonly secretsForgotten: number;
  readonly journals: number;
  /** Download links used (their file went at the download). */
  readonly downloadLinks: number;
  /** Identity proofs still stored for a closed request. */
  readonly proofs: number;
  /** Verification codes past their expiry, and rate counts of past windows. */
  readonly codes: number;
}

export interface OwnRecords {
  /** What `sweep` would remove at these bounds; changes nothing. */
  count(bounds: OwnRecordBounds): Promise<OwnRecordCounts>;
  /** Removes it, requests in batches of `batch` (default 200), each batch with its dependents in one transaction. */
  sweep(bounds: OwnRecordBounds, options?: { readonly batch?: number }): Promise<OwnRecordCounts>;
}

const iso = (d: Date) => d.toISOString();
const DAY_MS = 86_400_000;

/** The conditions each count and removal shares, with their parameters. */
function conditions(b: OwnRecordBounds) {
  return {
    requests: { where: 'closed_at IS NOT NULL AND closed_at <= $1', params: [iso(b.requestsClosedBy)] },
    messages: {
      where: `((status = 'sent' AND sent_at <= $1) OR (status = 'failed' AND queued_at <= $1))`,
      params: [iso(b.messagesBy)],
    },
    journals: {
      where: `status <> 'running' AND finished_at IS NOT NULL AND finished_at <= $1 AND NOT EXISTS (SELECT 1 FROM holds WHERE holds.run_id = runs.id)`,
      params: [iso(b.journalsBy)],
    },
    downloadLinks: { where: `purpose = 'download' AND used_at IS NOT NULL AND used_at <= $1`, params: [iso(b.now)] },
    proofs: {
      where: `request_id IN (SELECT id FROM requests WHERE closed_at IS NOT NULL AND closed_at <= $1)`,
      params: [iso(b.now)],
    },
    codes: { where: 'expires_at <= $1', params: [iso(b.now)] },
    rates: { where: 'window_start <= $1', params: [iso(new Date(b.now.getTime() - DAY_MS))] },
  };
}

/** Templates with params that open something. */
function secretTemplates(b: OwnRecordBounds): string[] {
  return Object.entries(b.secretParams)
    .filter(([, names]) => names.length > 0)
    .map(([template]) => template);
}

export function deskOwnRecords(db: DeskSql): OwnRecords {
  const never = () => new CustosError({ code: 'internal', message: "a sweep of Custos's own records cannot take a unique key" });
  const count = async (table: string, c: { where: string; params: readonly unknown[] }) =>
    Number((await db.all<{ n: number | string }>(`SELECT count(*) AS n FROM ${table} WHERE ${c.where}`, c.params))[0]?.n ?? 0);
  /** Failed messages still holding one of their template's secret params (and not old enough to go whole): what they keep. */
  const failedWithSecrets = async (b: OwnRecordBounds) => {
    const templates = secretTemplates(b);
    if (templates.length === 0) return [];
    const rows = await db.all<{ id: string; template: string; params: string }>(
      `SELECT id, template, params FROM outbox WHERE status = 'failed' AND queued_at > $1
        AND template IN (${templates.map((_, i) => `$${i + 2}`).join(', ')})`,
      [iso(b.messagesBy), ...templates],
    );
    return rows.flatMap((r) => {
      const params = JSON.parse(r.params) as Record<string, string>;
      const secret = b.secretParams[r.template] ?? [];
      if (!secret.some((name) => name in params)) return [];
      return [{ id: r.id, kept: Object.fromEntries(Object.entries(params).filter(([name]) => !secret.includes(name))) }];
    });
  };
  return {
    async count(b) {
      const c = conditions(b);
      return {
        requests: await count('requests', c.requests),
        messages: await count('outbox', c.messages),
        secretsForgotten: (await failedWithSecrets(b)).length,
        journals: await count('runs', c.journals),
        downloadLinks: await count('request_tokens', c.downloadLinks),
        proofs: await count('identity_proofs', c.proofs),
        codes: (await count('verification_codes', c.codes)) + (await count('rate_counts', c.rates)),
      };
    },
    async sweep(b, options = {}) {
      const batch = Math.max(1, Math.min(1000, Math.floor(options.batch ?? 200)));
      const c = conditions(b);
      // One statement per kind (its own transaction), counted by what it returned. Proofs first: one left behind is
      // counted as such, not as part of its request; then each kind, so that the requests' batches take only the rest.
      const remove = async (table: string, cond: { where: string; params: readonly unknown[] }) =>
        (await db.all<{ one: number }>(`DELETE FROM ${table} WHERE ${cond.where} RETURNING 1 AS one`, cond.params)).length;
      const proofs = await remove('identity_proofs', c.proofs);
      const messages = await remove('outbox', c.messages);
      const forgotten = await failedWithSecrets(b);
      if (forgotten.length > 0)
        await db.write(
          forgotten.map((f) => ({ sql: `UPDATE outbox SET params = $2 WHERE id = $1`, params: [f.id, JSON.stringify(f.kept)] })),
          never,
        );
      const downloadLinks = await remove('request_tokens', c.downloadLinks);
      const codes = (await remove('verification_codes', c.codes)) + (await remove('rate_counts', c.rates));
      // Then the requests closed long enough ago, with what is left of theirs.
      let requests = 0;
      for (;;) {
        const ids = (
          await db.all<{ id: string }>(
            `SELECT id FROM requests WHERE ${c.requests.where} ORDER BY closed_at, id LIMIT ${batch}`,
            c.requests.params,
          )
        ).map((r) => r.id);
        if (ids.length === 0) break;
        const list = ids.map((_, i) => `$${i + 1}`).join(', ');
        // A request's dependents first, the request last, in one transaction: none is left without the other.
        await db.write(
          [
            ...['request_transitions', 'outbox', 'request_tokens', 'verification_codes', 'identity_proofs'].map((table) => ({
              sql: `DELETE FROM ${table} WHERE request_id IN (${list})`,
              params: ids,
            })),
            { sql: `DELETE FROM requests WHERE id IN (${list})`, params: ids },
          ],
          never,
        );
        requests += ids.length;
        if (ids.length < batch) break;
      }
      // A run's step log references it: the log goes first, in the same transaction.
      const journalIds = (await db.all<{ id: string }>(`SELECT id FROM runs WHERE ${c.journals.where}`, c.journals.params)).map(
        (r) => r.id,
      );
      for (let i = 0; i < journalIds.length; i += batch) {
        const ids = journalIds.slice(i, i + batch);
        const list = ids.map((_, k) => `$${k + 1}`).join(', ');
        await db.write(
          [
            { sql: `DELETE FROM run_log WHERE run_id IN (${list})`, params: ids },
            { sql: `DELETE FROM runs WHERE id IN (${list})`, params: ids },
          ],
          never,
        );
      }
      return { requests, messages, secretsForgotten: forgotten.length, journals: journalIds.length, downloadLinks, proofs, codes };
    },
  };
}
