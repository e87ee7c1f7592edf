// The registers in the store (authority requests, incidents, complaints): one table, optimistic concurrency on a
// version column, keyset pages newest first, and the instant each entry falls due kept for the overdue list.
import { CustosError } from '../../errors.js';
import { REGISTER_ENTRY_SCHEMA, openedAt, type RegisterEntry, type RegisterKind } from '../../workflow/index.js';
import type { DeskSql } from './sql.js';

/** An entry as stored: its version increases with each save, so a concurrent change is detected, never lost. */
export interface StoredRegisterEntry {
  readonly entry: RegisterEntry;
  readonly version: number;
  /** The instant after which it is overdue, as the caller computed it when saving (`entryDueAt`); absent when none. */
  readonly dueAt?: Date | undefined;
}

export interface RegisterFilter {
  readonly kinds?: readonly RegisterKind[] | undefined;
  /** Statuses of any kind (`open`, `received`…). */
  readonly statuses?: readonly string[] | undefined;
  /** Entries due strictly before this instant (overdue ones, when it is now). */
  readonly dueBefore?: Date | undefined;
}

export interface RegisterPage {
  /** The newest first (by receipt, or detection for an incident), then by id. */
  readonly items: readonly StoredRegisterEntry[];
  /** Give it back as `after` for the next page; absent on the last page. */
  readonly next?: string | undefined;
}

export interface RegisterStore {
  /** Stores a new entry at version 1; `conflict` when its id is taken. */
  create(entry: RegisterEntry, dueAt?: Date): Promise<StoredRegisterEntry>;
  /** Saves the entry if it is still at `expectedVersion`: otherwise a `conflict` naming both versions. */
  update(
    entry: RegisterEntry,
    options: { readonly expectedVersion: number; readonly dueAt?: Date | undefined },
  ): Promise<StoredRegisterEntry>;
  get(id: string): Promise<StoredRegisterEntry | undefined>;
  list(filter?: RegisterFilter, page?: { readonly after?: string | undefined; readonly limit?: number | undefined }): Promise<RegisterPage>;
}

/** The registers' table, alike on both engines (instants as ISO text, which sorts as time does). */
export const REGISTER_TABLES = `
  CREATE TABLE register_entries (
    id text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('authority-request', 'incident', 'complaint')),
    status text NOT NULL,
    opened_at text NOT NULL,
    due_at text,
    version integer NOT NULL,
    body text NOT NULL
  );
  CREATE INDEX register_entries_opened ON register_entries (opened_at, id);
  CREATE INDEX register_entries_kind_opened ON register_entries (kind, opened_at, id);
  CREATE INDEX register_entries_due ON register_entries (due_at, id);
`;

interface EntryRow {
  id: string;
  body: string;
  version: number | string;
  opened_at: string;
  due_at: string | null;
}

const MAX_PAGE = 500;

function stored(row: EntryRow): StoredRegisterEntry {
  const parsed = REGISTER_ENTRY_SCHEMA.safeParse(JSON.parse(row.body));
  if (!parsed.success)
    throw new CustosError({
      code: 'store-error',
      message: `register entry ${row.id} is not one this Custos can read (changed outside Custos, or by a newer one)`,
      details: { id: row.id },
    });
  return { entry: parsed.data, version: Number(row.version), ...(row.due_at === null ? {} : { dueAt: new Date(row.due_at) }) };
}

const cursor = (s: StoredRegisterEntry): string =>
  Buffer.from(JSON.stringify([openedAt(s.entry).toISOString(), s.entry.id])).toString('base64url');

function readCursor(after: string): readonly [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string') return [at, id];
  } catch {
    // Reported below.
  }
  throw new CustosError({
    code: 'invalid-input',
    message: 'after is not a cursor this list gave: start again from the first page',
    details: { field: 'after' },
  });
}

export function deskRegisters(db: DeskSql): RegisterStore {
  const get = async (id: string) => {
    const row = (await db.all<EntryRow>('SELECT id, body, version, opened_at, due_at FROM register_entries WHERE id = $1', [id]))[0];
    return row && stored(row);
  };
  const columns = (e: RegisterEntry, dueAt: Date | undefined) => [
    e.kind,
    e.status,
    openedAt(e).toISOString(),
    dueAt?.toISOString() ?? null,
    JSON.stringify(e),
  ];
  return {
    async create(entry, dueAt) {
      await db.write(
        [
          {
            sql: 'INSERT INTO register_entries (id, kind, status, opened_at, due_at, body, version) VALUES ($1, $2, $3, $4, $5, $6, 1)',
            params: [entry.id, ...columns(entry, dueAt)],
          },
        ],
        () => new CustosError({ code: 'conflict', message: `register entry ${entry.id} already exists`, details: { id: entry.id } }),
      );
      return { entry, version: 1, ...(dueAt ? { dueAt } : {}) };
    },
    async update(entry, { expectedVersion, dueAt }) {
      const saved = await db.write(
        [
          {
            sql: `UPDATE register_entries SET kind = $2, status = $3, opened_at = $4, due_at = $5, body = $6, version = version + 1
                  WHERE id = $1 AND version = $7`,
            params: [entry.id, ...columns(entry, dueAt), expectedVersion],
            mustChange: true,
          },
        ],
        () => new CustosError({ code: 'internal', message: 'a register update cannot take a unique key' }),
      );
      if (saved) return { entry, version: expectedVersion + 1, ...(dueAt ? { dueAt } : {}) };
      const now = await get(entry.id);
      if (!now) throw new CustosError({ code: 'not-found', message: `no register entry ${entry.id}`, details: { id: entry.id } });
      throw new CustosError({
        code: 'conflict',
        message: `${entry.kind} ${entry.id} was changed by someone else (it is at version ${now.version}, not ${expectedVersion}): reload it and try again`,
        details: { id: entry.id, version: now.version, expectedVersion },
      });
    },
    get,
    async list(filter = {}, page = {}) {
      const limit = Math.min(Math.max(1, Math.floor(page.limit ?? 50)), MAX_PAGE);
      const where: string[] = [];
      const params: unknown[] = [];
      const bind = (value: unknown) => `$${params.push(value)}`;
      if (filter.kinds) where.push(filter.kinds.length === 0 ? '1 = 0' : `kind IN (${filter.kinds.map(bind).join(', ')})`);
      if (filter.statuses) where.push(filter.statuses.length === 0 ? '1 = 0' : `status IN (${filter.statuses.map(bind).join(', ')})`);
      if (filter.dueBefore !== undefined) where.push(`due_at IS NOT NULL AND due_at < ${bind(filter.dueBefore.toISOString())}`);
      if (page.after !== undefined) {
        const [at, id] = readCursor(page.after);
        // Keyset, newest first: the index on (opened_at, id) read backwards from the last entry seen.
        where.push(`(opened_at < ${bind(at)} OR (opened_at = ${bind(at)} AND id < ${bind(id)}))`);
      }
      const rows = await db.all<EntryRow>(
        `SELECT id, body, version, opened_at, due_at FROM register_entries ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY opened_at DESC, id DESC LIMIT ${limit + 1}`,
        params,
      );
      const items = rows.slice(0, limit).map(stored);
      return rows.length > limit ? { items, next: cursor(items[items.length - 1]!) } : { items };
    },
  };
}
