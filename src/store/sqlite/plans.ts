// Plans in Custos's SQLite store: each distinct plan stored once, named by the digest of its text (requests share plans).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

const DIGEST = 'sha256:';

/** A plan serialised once, named by the digest of its text (plans are shared and immutable: the cache never goes stale). */
const serialisedPlans = new WeakMap<object, { readonly digest: string; readonly text: string }>();
export function serialisePlan(plan: unknown): { readonly digest: string; readonly text: string } {
  const cached = typeof plan === 'object' && plan !== null ? serialisedPlans.get(plan) : undefined;
  if (cached) return cached;
  const text = JSON.stringify(plan);
  const serialised = { digest: DIGEST + createHash('sha256').update(text).digest('hex'), text };
  if (typeof plan === 'object' && plan !== null) serialisedPlans.set(plan, serialised);
  return serialised;
}

export interface SqlitePlans {
  /** The value for runs.plan: the plan's digest, its body written first unless already there. Called in a transaction. */
  reference(plan: unknown): string;
  /** True when the plan is known to be stored (its run then needs no transaction of its own). */
  isStored(plan: unknown): boolean;
  /** A transaction begins: digests it writes are known stored only once it commits (a rollback takes them along). */
  begin(): void;
  /** The transaction committed. */
  committed(): void;
}

export function sqlitePlans(db: Database.Database): SqlitePlans {
  const insertPlan = db.prepare('INSERT INTO plans (digest, body) VALUES (?, ?) ON CONFLICT DO NOTHING');
  /** Digests known to be stored: a shared plan is written once, not once per run. */
  const storedPlans = new Set<string>();
  /** Digests written by the transaction under way. */
  const pendingPlans: string[] = [];
  return {
    reference(plan) {
      const { digest, text } = serialisePlan(plan);
      if (!storedPlans.has(digest)) {
        insertPlan.run(digest, text);
        pendingPlans.push(digest);
      }
      return digest;
    },
    isStored: (plan) => storedPlans.has(serialisePlan(plan).digest),
    begin() {
      pendingPlans.length = 0;
    },
    committed() {
      for (const digest of pendingPlans.splice(0)) storedPlans.add(digest);
    },
  };
}
