// A whole collection read through protocol 2's `list`: pages in the provider's order of the primary key, each asked for
// after the last key of the one before, and each checked to move forward (a provider that ignores `after` or `limit`
// would otherwise make a plan count rows twice, or never end).
import { CustosError } from '../../errors.js';
import type { CollectionModel } from '../../policy/index.js';
import type { Row, Value } from '../connector.js';
import { toKeyValue } from '../row-keys.js';

/** The body of a `list` call. */
export interface ListBody {
  readonly collection: string;
  /** The fields to return; the key's fields are always among them. */
  readonly fields?: readonly string[] | undefined;
  /** The primary key's fields: rows come ordered by them, ascending, in the provider's own order. */
  readonly key: readonly string[];
  /** The key of the last row of the previous page (one value per key field); absent for the first page. */
  readonly after?: readonly Value[] | undefined;
  /** The most rows to send; fewer means the last page. */
  readonly limit: number;
}

/** Fetches one page's rows for a body (signed call, NDJSON or `{ rows }`). */
export type PageFetch = (body: ListBody) => AsyncIterable<Row>;

/**
 * Every row of `collection`, page by page. `fields` undefined: all the provider shares. A page with more than `limit`
 * rows, a row without its key, a key seen on the page before or twice on one page is CustosError('store-error'): the
 * listing stops rather than count or sweep what it cannot trust.
 */
export async function* listRows(
  collection: CollectionModel,
  fields: readonly string[] | undefined,
  limit: number,
  fetchPage: PageFetch,
  label: string,
): AsyncGenerator<Row> {
  const key = collection.primaryKey;
  if (key.length === 0) {
    throw new CustosError({
      code: 'precondition-failed',
      message: `${collection.qualifiedName} declares no primaryKey: a provider lists its rows page by page after a key`,
    });
  }
  const asked = fields && [...new Set([...key, ...fields])];
  // Key fields Custos adds only to page are taken off again: the caller gets the fields it asked for.
  const extra = fields ? key.filter((field) => !fields.includes(field)) : [];
  let after: readonly Value[] | undefined;
  let previous = new Set<string>();
  for (;;) {
    const seen = new Set<string>();
    let count = 0;
    let last: readonly Value[] | undefined;
    for await (const row of fetchPage({ collection: collection.name, fields: asked, key, after, limit })) {
      count++;
      const values = key.map((field) => row[field]);
      if (count > limit || values.some((v) => v === undefined || v === null)) throw badPage(label, collection, limit);
      const text = JSON.stringify(values.map((v) => String(toKeyValue(v as Value))));
      if (seen.has(text) || previous.has(text)) throw badPage(label, collection, limit);
      seen.add(text);
      last = values as Value[];
      yield extra.length === 0 ? row : withoutFields(row, extra);
    }
    if (count < limit || last === undefined) return;
    after = last;
    previous = seen;
  }
}

function withoutFields(row: Row, fields: readonly string[]): Row {
  const copy: Record<string, Value> = { ...row };
  for (const field of fields) delete copy[field];
  return copy;
}

function badPage(label: string, collection: CollectionModel, limit: number): CustosError {
  return new CustosError({
    code: 'store-error',
    message: `${label}: the provider's list of ${collection.name} is not pages of at most ${limit} rows, each row with its key, each page after the key it was asked for`,
    details: { reason: 'bad-response' },
  });
}
