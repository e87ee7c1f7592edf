// Paging a find on engines that stream with a cursor or a socket: one plain query answers small results in a round trip.
import { sql, type RawBuilder } from 'kysely';
import { CustosError } from '../../errors.js';
import { pagesOf } from '../pages.js';
import { DEFAULT_BATCH_SIZE } from '../selection.js';
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
 * The whole result when it fits in one page of `batchSize` rows, read with one plain query of up to `batchSize + 1`
 * rows; undefined when there are more (the caller then pages or streams, and the probe's rows are dropped: one page
 * read, small beside a result of more than a page). Most finds of one person's rows end here.
 */
export async function probePage(select: SelectStatement, batchSize: number): Promise<ClientRow[] | undefined> {
  const rows = await select.run(probeOf(batchSize), []);
  return rows.length <= batchSize ? rows : undefined;
}

/** `probePage` run at once, where the client can (undefined when it cannot); 'more' for a result longer than a page. */
export function probePageNow(select: SelectStatement, batchSize: number): ClientRow[] | 'more' | undefined {
  const rows = select.runNow(probeOf(batchSize), []);
  return rows === undefined ? undefined : rows.length <= batchSize ? rows : 'more';
}

function probeOf(batchSize: number): Probe {
  return probes.get(batchSize) ?? new Probe(batchSize + 1);
}

/** The probe of the default page size, made once. */
const probes = new Map([[DEFAULT_BATCH_SIZE, new Probe(DEFAULT_BATCH_SIZE + 1)]]);

/** One page when the result fits (`probePage`); otherwise the whole select streams as one statement, one snapshot. */
export async function* probeThenStream(select: SelectStatement, batchSize: number, probed = false): AsyncGenerator<readonly ClientRow[]> {
  const rows = probed ? undefined : await probePage(select, batchSize);
  if (rows) {
    yield rows;
    return;
  }
  yield* pagesOf(select.stream(batchSize), batchSize);
}
