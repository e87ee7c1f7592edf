// SQLite streaming by rowid pages: each page is a short statement, so no read lock or connection is held between pages.
import { sql } from 'kysely';
import { pagesOf } from '../pages.js';
import { pageLimit, probePage, type AnySelect, type ClientRow, type SelectStatement, type SelectVariant } from '../sql/index.js';

/**
 * Why pages and not Kysely's `.stream()`: better-sqlite3 refuses any write on a connection while an iterator is open,
 * and Kysely's single SQLite connection would wait for the stream to end: a find loop that updates or deletes what it
 * reads would deadlock, and a slow reader would keep the provider's own writers out of the file. Pages of `batchSize`
 * rows ordered by rowid keep memory flat and let writes run between pages. Tables without rowid (WITHOUT ROWID,
 * views) fall back to `.stream()`.
 */
const ROWID = '$custos_rowid';

/**
 * A page of `rows` rows in rowid order, each with its rowid (selected last, so deleting it is cheap); a `next` page binds
 * the rowid it starts after.
 */
class RowidPage implements SelectVariant {
  readonly name: string;

  constructor(
    private readonly rows: number,
    private readonly next: boolean,
  ) {
    this.name = `rowid-${next ? 'next' : 'first'} ${rows}`;
  }

  extend(query: AnySelect, [after]: readonly unknown[]): AnySelect {
    const from = this.next ? query.where(sql.ref('_rowid_'), '>', after) : query;
    return from.select(sql.ref('_rowid_').as(ROWID)).orderBy(sql.ref('_rowid_')).limit(pageLimit(this.rows));
  }
}

const NO_ROWID = /no such column: "?_rowid_/;

/**
 * Pages of `select`; `noRowid` remembers (per connector) the tables that turned out to have no rowid. A result that fits
 * in one page is read by one plain statement (no ordering, no rowid); a longer one is read again by rowid pages.
 */
export async function* pagesByRowid(
  select: SelectStatement,
  batchSize: number,
  noRowid: Set<string>,
  probed = false,
): AsyncGenerator<readonly ClientRow[]> {
  const only = probed ? undefined : await probePage(select, batchSize);
  if (only) {
    yield only;
    return;
  }
  if (noRowid.has(select.table)) {
    yield* pagesOf(select.stream(batchSize), batchSize);
    return;
  }
  let rows: ClientRow[];
  try {
    rows = await select.run(new RowidPage(batchSize, false), []);
  } catch (error) {
    if (!NO_ROWID.test(String((error as Error).message))) throw error;
    noRowid.add(select.table);
    yield* pagesOf(select.stream(batchSize), batchSize);
    return;
  }
  for (;;) {
    const after = rows[rows.length - 1]?.[ROWID];
    // In place: the rows are fresh objects of the client, and a copy per row costs more than the statement.
    for (const row of rows) delete row[ROWID];
    yield rows;
    // A short page is the last: no statement to learn that nothing follows.
    if (rows.length < batchSize) return;
    rows = await select.run(new RowidPage(batchSize, true), [after]);
  }
}
