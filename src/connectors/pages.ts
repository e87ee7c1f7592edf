// Rows in pages and pages in rows: the bridge between `find` and `findPages` for connectors that produce only one of them.
import type { Row } from './connector.js';

/**
 * Groups a row stream (Rows, or a SQL client's rows) into pages of at most `size` rows (the last page may be shorter; no
 * empty page): the layers above then pay one await per page, not one per row.
 */
export async function* pagesOf<T>(rows: AsyncIterable<T>, size: number): AsyncGenerator<readonly T[]> {
  let page: T[] = [];
  for await (const row of rows) {
    page.push(row);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/**
 * The pages of a find whose whole result the store read before anyone iterated (SQLite, a result of one page). Iterating
 * it yields that page; `rowsAtOnce` hands the rows over without iterating.
 */
export class PagesAtOnce implements AsyncIterable<readonly Row[]> {
  constructor(readonly rows: readonly Row[]) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<readonly Row[]> {
    yield this.rows;
  }
}

/** The whole result of `findPages` when the store already has it, so a caller need not iterate; else undefined. */
export function rowsAtOnce(pages: AsyncIterable<readonly Row[]>): readonly Row[] | undefined {
  return pages instanceof PagesAtOnce ? pages.rows : undefined;
}

/** Flattens pages back into rows. */
export async function* rowsOf(pages: AsyncIterable<readonly Row[]>): AsyncGenerator<Row> {
  for await (const page of pages) yield* page;
}
