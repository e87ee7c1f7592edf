// Rows in pages and pages in rows: the bridge between `find` and `findPages` for connectors that produce only one of them.
import type { Row } from './connector.js';

/** Groups a row stream into pages of at most `size` rows (the last page may be shorter; no empty page). */
export async function* pagesOf(rows: AsyncIterable<Row>, size: number): AsyncGenerator<readonly Row[]> {
  let page: Row[] = [];
  for await (const row of rows) {
    page.push(row);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** Flattens pages back into rows. */
export async function* rowsOf(pages: AsyncIterable<readonly Row[]>): AsyncGenerator<Row> {
  for await (const page of pages) yield* page;
}
