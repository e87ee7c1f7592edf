// Forward-only migrations: a store that a newer Custos migrated is refused, never written with an older schema's idea.
import { CustosError } from '../errors.js';

/** The highest migration id of a list (0 for none). */
export function latestMigration(migrations: readonly { readonly id: number }[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.id), 0);
}

/**
 * Refuses a store whose highest applied migration is above the code's: a newer Custos changed its tables, and this one
 * would misread or damage what it wrote. The error names both versions and the fix.
 */
export function refuseNewerStore(engine: 'sqlite' | 'postgres', where: string, applied: number, known: number): void {
  if (applied <= known) return;
  throw new CustosError({
    code: 'config',
    message: `the Custos store ${where} is at schema version ${applied}, newer than this Custos knows (${known}): a newer Custos migrated it; run that version (or newer) against this store, or point CUSTOS_STORE at another store`,
    details: { engine, applied, known },
  });
}
