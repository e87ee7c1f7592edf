// Paging a find on engines that stream with a cursor or a socket: one plain query answers small results in a round trip.
import { sql, type RawBuilder } from 'kysely';
import { CustosError } from '../../errors.js';
import type { AnySelect, ClientRow, SelectStatement, SelectVariant } from './adapter.js';

/**
 * A page size as SQL: a literal, because SQLite re-prepares a statement each time a bound LIMIT is bound again (and
 * PostgreSQL plans a bound one blind). It is our own page size, checked here, never a value from a caller or a store.
 */
export function pageLimit(rows: number): RawBuilder<number> {
  if (!Number.isSafeInteger(rows) || rows < 1) {
    throw new CustosError({ code: 'internal', message: `a page size must be a positive integer, not ${rows}` });
  }
  return sql.lit(rows);
}

/** The select limited to `rows` rows. */
class Probe implements SelectVariant {
  readonly name: string;

  constructor(private readonly rows: number) {
    this.name = `probe ${rows}`;
  }

  extend(query: AnySelect): AnySelect {
    return query.limit(pageLimit(this.rows));
  }
}

/**
 * Reads up to `batchSize + 1` rows with one plain query; when that is all there is, they are the only page. Otherwise the
 * probe's rows are dropped and the whole select streams as one statement, so every row comes from one snapshot; the
 * probe costs one page read, small beside a result of more than a page.
 */
export async function* probeThenStream(select: SelectStatement, batchSize: number): AsyncGenerator<readonly ClientRow[]> {
  const rows = await select.run(new Probe(batchSize + 1), []);
  if (rows.length <= batchSize) {
    yield rows;
    return;
  }
  yield* inPages(select.stream(batchSize), batchSize);
}

/** Streamed rows gathered in pages of `size`: the layers above then pay one await per page, not one per row. */
export async function* inPages(rows: AsyncIterable<ClientRow>, size: number): AsyncGenerator<readonly ClientRow[]> {
  let page: ClientRow[] = [];
  for await (const row of rows) {
    page.push(row);
    if (page.length < size) continue;
    yield page;
    page = [];
  }
  if (page.length > 0) yield page;
}
