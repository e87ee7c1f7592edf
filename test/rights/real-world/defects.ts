// Engine defects these suites have confirmed, each described once; a test showing one is kept and marked `it.fails`
// on the backends where it shows, so it starts passing (and must be unmarked) when the engine is fixed.
import type { Defect } from './suite.js';

/**
 * A `caseInsensitive` identity (e-mail) is lower-cased in the request (identities.ts normalizeIdentities) but compared
 * with the stored value as it is (`email IN ('luis.goncalves@embraer.com.br')`): a row holding
 * 'Luis.Goncalves@Embraer.com.br' is never found on SQLite or PostgreSQL (binary comparison); MariaDB's default
 * case-insensitive collation hides it. Access exports nothing, erasure answers not-found and erases nothing.
 */
export const MIXED_CASE_NOT_FOUND = (backends: Defect['backends']): Defect => ({
  backends,
  what: 'a stored mixed-case e-mail is never matched by a case-insensitive identity',
});

/**
 * A self-referencing association (employees.reports_to → employees.id, employees.manager_id → employees.id) is left out
 * of erasure planning (erasure-order.ts filters `e.child !== e.parent`), so the rows of other employees that point at
 * the erased manager are not detached: the delete of the manager's row violates the store's foreign key (SQLite
 * SQLITE_CONSTRAINT_FOREIGNKEY, PostgreSQL 23503), the store's transaction rolls back and the erasure throws.
 * Expected: a null-reference on the self-reference for the rows pointing at the deleted manager, then the delete.
 */
export const SELF_REFERENCE_NOT_DETACHED: Defect = {
  backends: ['sqlite', 'postgres', 'mysql'],
  what: 'rows pointing at an erased row of their own collection (a manager) are not detached',
};

/**
 * Identity expansion promotes every value a matched row holds for an identity, including the other columns of the same
 * identity (resolve.ts `collect` adds each (identity, field) pair of the row): a customer found by her own e-mail whose
 * `backup_email` names a colleague's address makes that address hers, so the colleague's customer row and everything
 * that belongs to it is exported to her and erased with her. Expected: only rows holding the requested e-mail in one of
 * the identity's columns (and rows found by other identity keys the person's rows vouch for).
 */
export const ALTERNATE_COLUMN_CHAINS_TO_OTHERS: Defect = {
  backends: ['sqlite', 'postgres', 'mysql'],
  what: 'an e-mail held in another column of a matched row (a backup contact) is taken as the person’s own',
};

/**
 * An `owns` target is declared shared when any row references it besides the person's, and the planner counts every
 * reference to it, the target's own `belongs-to` children included (planner.ts routesFor: `referrers` are all incoming
 * edges): a proof of address (address_checks.address_id, link: belongs-to) makes the customer's own address "shared"
 * (resolve.ts `unshared` reads it as someone else's row, since children are resolved after their parent). The address
 * and its checks are then neither exported nor erased. Expected: only rows that could be someone else's (`owns` and
 * `association` references from other rows) make an owned row shared; the row's own `belongs-to` children never do.
 */
export const OWNED_ROW_SHARED_WITH_ITS_CHILDREN: Defect = {
  backends: ['sqlite', 'postgres', 'mysql'],
  what: 'an owned row with a belongs-to child of its own is taken for shared, so it is neither exported nor erased',
};
