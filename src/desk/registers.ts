// The registers as a service: authority requests, incidents and complaints recorded and changed by staff, each change
// saved over the version read and written to the audit trail with ids and counts only.
import { randomBytes } from 'node:crypto';
import type { AuditAction, AuditDetails, AuditSubjects } from '../audit/index.js';
import type { Clock } from '../clock.js';
import { CustosError } from '../errors.js';
import type { RegisterFilter, Store, StoredRegisterEntry } from '../store/index.js';
import {
  REGISTER_KINDS,
  changeEntry,
  entryClock,
  entryDueAt,
  recordEntry,
  type RegisterClock,
  type RegisterEntry,
  type RegisterEvent,
  type RegisterKind,
} from '../workflow/index.js';

/** An entry with its version (give it back to change it) and where it stands against its clock now. */
export interface RegisterView {
  readonly entry: RegisterEntry;
  readonly version: number;
  readonly clock: RegisterClock;
}

export interface RegisterListFilter {
  readonly kinds?: readonly RegisterKind[] | undefined;
  readonly statuses?: readonly string[] | undefined;
  /** Only entries past their due instant now. */
  readonly overdue?: boolean | undefined;
}

export interface Registers {
  /** Records a new entry from what staff wrote (checked; `invalid-input` names the field). */
  record(kind: RegisterKind, input: unknown, staffId: string): Promise<RegisterView>;
  /**
   * Applies a change (corrected fields, a new status, an incident's notification) to the entry at `expectedVersion`:
   * `conflict` when someone changed it since, or the move is not allowed; `not-found` for an unknown id.
   */
  change(id: string, change: unknown, options: { readonly expectedVersion: number; readonly staffId: string }): Promise<RegisterView>;
  /** `not-found` for an unknown id, or one of another kind than `kind` when given. */
  get(id: string, kind?: RegisterKind): Promise<RegisterView>;
  list(
    filter?: RegisterListFilter,
    page?: { readonly after?: string | undefined; readonly limit?: number | undefined },
  ): Promise<{ readonly items: readonly RegisterView[]; readonly next?: string | undefined }>;
}

export interface RegistersInput {
  readonly store: Pick<Store, 'registers' | 'audit'>;
  readonly clock: Clock;
}

const ID_PREFIX: Readonly<Record<RegisterKind, string>> = { 'authority-request': 'auth', incident: 'inc', complaint: 'cmp' };

/** `inc-20261123-kqzvbmwpxa`: the kind, the day and 10 random letters, as request ids are made. */
const newId = (kind: RegisterKind, at: Date): string =>
  `${ID_PREFIX[kind]}-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${[...randomBytes(10)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

/** Opens the registers over the store's table and audit trail. */
export function openRegisters({ store, clock }: RegistersInput): Registers {
  const view = (s: StoredRegisterEntry): RegisterView => ({ entry: s.entry, version: s.version, clock: entryClock(s.entry, clock.now()) });
  const load = async (id: string, kind?: RegisterKind) => {
    const found = await store.registers.get(id);
    if (!found || (kind !== undefined && found.entry.kind !== kind))
      throw new CustosError({ code: 'not-found', message: `no ${kind ?? 'register entry'} ${id}`, details: { id } });
    return found;
  };
  /** The change's events in one append: all of them in the trail, or none. */
  const audit = (entry: RegisterEntry, events: readonly RegisterEvent[], staffId: string) =>
    store.audit.appendAll(
      events.map((event) => ({
        actor: { kind: 'staff' as const, id: staffId },
        action: actionOf(entry.kind, event),
        subjects: subjectsOf(entry),
        details: detailsOf(entry, event),
      })),
    );
  return {
    async record(kind, input, staffId) {
      if (!(REGISTER_KINDS as readonly string[]).includes(kind))
        throw new CustosError({
          code: 'invalid-input',
          message: `kind must be one of ${REGISTER_KINDS.join(', ')}`,
          details: { field: 'kind' },
        });
      const at = clock.now();
      const entry = recordEntry(kind, newId(kind, at), input, at);
      const saved = await store.registers.create(entry, entryDueAt(entry, at));
      await audit(entry, ['recorded'], staffId);
      return view(saved);
    },
    async change(id, change, { expectedVersion, staffId }) {
      const at = clock.now();
      const current = await load(id);
      const { entry, events } = changeEntry(current.entry, change, at);
      const saved = await store.registers.update(entry, { expectedVersion, dueAt: entryDueAt(entry, at) });
      await audit(entry, events, staffId);
      return view(saved);
    },
    get: async (id, kind) => view(await load(id, kind)),
    async list(filter = {}, page = {}) {
      const storeFilter: RegisterFilter = {
        kinds: filter.kinds,
        statuses: filter.statuses,
        ...(filter.overdue ? { dueBefore: clock.now() } : {}),
      };
      const found = await store.registers.list(storeFilter, page);
      return { items: found.items.map(view), ...(found.next ? { next: found.next } : {}) };
    },
  };
}

const ACTIONS: Readonly<Record<RegisterKind, Partial<Record<RegisterEvent, AuditAction>>>> = {
  'authority-request': {
    recorded: 'authority-request.recorded',
    updated: 'authority-request.updated',
    checking: 'authority-request.check-started',
    answered: 'authority-request.answered',
    refused: 'authority-request.refused',
  },
  incident: {
    recorded: 'incident.recorded',
    updated: 'incident.updated',
    notified: 'incident.notified',
    contained: 'incident.contained',
    closed: 'incident.closed',
  },
  complaint: {
    recorded: 'complaint.recorded',
    updated: 'complaint.updated',
    answered: 'complaint.answered',
    withdrawn: 'complaint.withdrawn',
  },
};

function actionOf(kind: RegisterKind, event: RegisterEvent): AuditAction {
  const action = ACTIONS[kind][event];
  if (!action) throw new CustosError({ code: 'internal', message: `a ${kind} has no audit action for ${event}` });
  return action;
}

/** The entry's id, and the request and run it links to: ids only. */
function subjectsOf(entry: RegisterEntry): AuditSubjects {
  switch (entry.kind) {
    case 'authority-request':
      return {
        'authority-request': entry.id,
        ...(entry.requestId ? { request: entry.requestId } : {}),
        ...(entry.runId ? { run: entry.runId } : {}),
      };
    case 'incident':
      return { incident: entry.id };
    case 'complaint':
      return { complaint: entry.id, ...('requestId' in entry.from ? { request: entry.from.requestId } : {}) };
    default:
      return entry satisfies never;
  }
}

/** Words of the closed vocabularies and counts: never the descriptions, names or answers staff wrote. */
function detailsOf(entry: RegisterEntry, event: RegisterEvent): AuditDetails {
  const status = { status: entry.status };
  if (entry.kind !== 'incident') return status;
  const last = entry.notifications[entry.notifications.length - 1];
  if (event === 'notified' && last) return { ...status, to: last.to, law: last.law };
  return { ...status, risk: entry.risk, people: entry.approxPeople, records: entry.approxRecords };
}
