// Plans in Custos's PostgreSQL store: each distinct plan stored once, named by the digest of its text.
import type pg from 'pg';
import { serialisePlan } from '../sqlite/plans.js';

export interface PostgresPlans {
  /** The value for runs.plan: the plan's digest, its body written first unless known stored. Called in a transaction. */
  reference(client: pg.PoolClient, plan: unknown): Promise<string>;
  /** The transaction that wrote `digests` committed: they are stored from now on. */
  committed(digests: readonly string[]): void;
}

export function postgresPlans(): PostgresPlans & { readonly written: (digest: string) => boolean } {
  /** Digests known stored; one a transaction wrote counts only once it commits (a rollback takes it along). */
  const stored = new Set<string>();
  return {
    async reference(client, plan) {
      const { digest, text } = serialisePlan(plan);
      if (!stored.has(digest))
        await client.query('INSERT INTO plans (digest, body) VALUES ($1, $2) ON CONFLICT DO NOTHING', [digest, text]);
      return digest;
    },
    committed(digests) {
      for (const d of digests) stored.add(d);
    },
    written: (digest) => stored.has(digest),
  };
}
