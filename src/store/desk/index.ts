// The desk's concerns on one engine, from the few SQL operations they need of it.
import type { CustosError } from '../../errors.js';
import { deskOutbox } from './outbox.js';
import { deskOwnRecords } from './own-records.js';
import { deskApiKeys, deskUsers } from './people.js';
import { deskRegisters } from './registers.js';
import { deskRequests } from './requests.js';
import { deskSecrets } from './secrets.js';
import { deskStaffSessions } from './staff-sessions.js';
import { isDuplicate, type DeskSql, type DeskStatement } from './sql.js';

export * from './desk.js';
export { REGISTER_TABLES, type RegisterFilter, type RegisterPage, type RegisterStore, type StoredRegisterEntry } from './registers.js';
export type { OwnRecordBounds, OwnRecordCounts, OwnRecords } from './own-records.js';
export { DESK_SECRET_TABLES, DESK_TABLES, STAFF_TABLES, type DeskSql } from './sql.js';

export function deskConcerns(db: DeskSql) {
  return {
    requests: deskRequests(db),
    outbox: deskOutbox(db),
    users: deskUsers(db),
    staffSessions: deskStaffSessions(db),
    apiKeys: deskApiKeys(db),
    secrets: deskSecrets(db),
    registers: deskRegisters(db),
    ownRecords: deskOwnRecords(db),
  };
}

/** Thrown inside a write's transaction when a `mustChange` statement changed nothing: rolls it back. */
export class LostRace extends Error {}

/** Runs `statements` through `run` (which returns the rows changed), for an engine's transaction. */
export async function runDeskStatements(
  statements: readonly DeskStatement[],
  run: (s: DeskStatement) => Promise<number> | number,
): Promise<void> {
  for (const s of statements) if ((await run(s)) === 0 && s.mustChange) throw new LostRace();
}

/** The outcome of an engine's write: committed, lost a race (false), or a taken unique key. */
export function deskWriteFailure(error: unknown, duplicate: () => CustosError): false {
  if (error instanceof LostRace || (error as { cause?: unknown }).cause instanceof LostRace) return false;
  if (isDuplicate(error) || isDuplicate((error as { cause?: unknown }).cause)) throw duplicate();
  throw error;
}
