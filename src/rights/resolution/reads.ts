// Resolution's reads: the request's connectors, opened once through the pool, and pages of rows handed to a callback.
import { rowsAtOnce, type Connector, type ConnectorPool, type Row } from '../../connectors/index.js';
import type { CollectionModel } from '../../policy/index.js';
import type { CollectionLookup } from '../plan.js';
import type { Where } from './types.js';

export class StoreReads {
  /** The request's connectors, so a read of an opened store does not wait for the pool. */
  readonly #connectors = new Map<string, Connector>();

  constructor(
    readonly pool: ConnectorPool,
    readonly signal: AbortSignal | undefined,
  ) {}

  readonly connectorOf = async (dataset: string): Promise<Connector> => {
    const connector = await this.pool.get(dataset);
    this.#connectors.set(dataset, connector);
    return connector;
  };

  /** Reads the rows of `where` with `fields`, page by page; waits for what `onPage` returns. */
  async read(
    l: CollectionLookup,
    c: CollectionModel,
    where: Where | readonly Where[],
    fields: readonly string[],
    onPage: (rows: readonly Row[]) => void | Promise<void>,
  ): Promise<void> {
    const connector = this.#connectors.get(l.dataset) ?? (await this.connectorOf(l.dataset));
    const selection = { collection: c, where };
    const options = this.signal ? { fields, signal: this.signal } : { fields };
    const pages = connector.findPages(selection, options);
    // A small result the store read at once needs no iteration.
    const rows = rowsAtOnce(pages);
    if (rows) return rows.length > 0 ? onPage(rows) : undefined;
    for await (const page of pages) {
      const wait = onPage(page);
      if (wait) await wait;
    }
  }
}
