// SQLite streaming by rowid pages: each page is a short statement, so no read lock or connection is held between pages.
import { sql } from 'kysely';
import type { AnySelect, StreamContext } from '../sql/index.js';

/**
 * Why pages and not Kysely's `.stream()`: better-sqlite3 refuses any write on a connection while an iterator is open,
 * and Kysely's single SQLite connection would wait for the stream to end: a find loop that updates or deletes what it
 * reads would deadlock, and a slow reader would keep the provider's own writers out of the file. Pages of `batchSize`
 * rows ordered by rowid keep memory flat and let writes run between pages. Tables without rowid (WITHOUT ROWID,
 * views) fall back to `.stream()`.
 */
const ROWID = '$custos_rowid';

/** Streams `query` page by page; `noRowid` remembers (per connector) the tables that turned out to have no rowid. */
export async function* streamByRowid(
  query: AnySelect,
  context: StreamContext,
  noRowid: Set<string>,
): AsyncGenerator<Record<string, unknown>> {
  if (noRowid.has(context.table)) {
    yield* query.stream(context.batchSize);
    return;
  }
  const paged = query.select(sql.ref('_rowid_').as(ROWID)).orderBy(sql.ref('_rowid_')).limit(context.batchSize);
  let after: unknown;
  for (;;) {
    let rows: Record<string, unknown>[];
    try {
      rows = await (after === undefined ? paged : paged.where(sql.ref('_rowid_'), '>', after)).execute();
    } catch (error) {
      if (after !== undefined || !/no such column: "?_rowid_/.test(String((error as Error).message))) throw error;
      noRowid.add(context.table);
      yield* query.stream(context.batchSize);
      return;
    }
    for (const row of rows) {
      const { [ROWID]: rowid, ...rest } = row;
      after = rowid;
      yield rest;
    }
    if (rows.length < context.batchSize) return;
  }
}
