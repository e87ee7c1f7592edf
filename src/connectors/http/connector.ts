// The HTTP connector: for systems Custos cannot reach directly, the provider answers signed find/count/update/delete calls.
import { CustosError } from '../../errors.js';
import { pagesOf } from '../pages.js';
import type { CollectionModel, StoreKind } from '../../policy/index.js';
import type {
  Connector,
  ConnectorCapabilities,
  ConnectorSession,
  FindOptions,
  IntrospectedCollection,
  Row,
  RowUpdate,
  Selection,
  Value,
  Where,
} from '../connector.js';
import type { EngineOptions } from '../engine.js';
import { toStoreError } from '../failures.js';
import { checkRowUpdates, updateRowByRow } from '../row-updates.js';
import { checkIdentifier } from '../identifiers.js';
import { assertNotAborted, Lifecycle } from '../lifecycle.js';
import { assertBounded, batchSizeOf, checkAssignments, checkSelection, type CheckedSelection, type WhereGroup } from '../selection.js';
import type { StoreTarget } from '../target.js';
import { httpConfig, type HttpConfig } from './config.js';
import { call, classifyHttp, ProviderStatusError, readCount, readRows, type CallBody, type Operation } from './protocol.js';

/** The provider answers for its own data: no transactions or introspection from here; rows stream when it sends NDJSON. */
export const HTTP_CAPABILITIES: ConnectorCapabilities = Object.freeze({
  transactions: false,
  tables: true,
  streaming: true,
  introspection: false,
  delegated: true,
  expiry: false,
});

export async function openHttp(target: StoreTarget, options: EngineOptions): Promise<Connector> {
  return new HttpConnector(target, httpConfig(target), options.now);
}

class HttpConnector implements Connector {
  readonly kind: StoreKind = 'http';
  readonly capabilities = HTTP_CAPABILITIES;
  readonly #target: StoreTarget;
  readonly #config: HttpConfig;
  readonly #now: () => number;
  readonly #lifecycle: Lifecycle;
  /** Calls in flight, aborted when the connector closes. */
  readonly #inFlight = new Set<AbortController>();

  constructor(target: StoreTarget, config: HttpConfig, now: () => number) {
    this.#target = target;
    this.#config = config;
    this.#now = now;
    this.#lifecycle = new Lifecycle(target.label);
  }

  find(selection: Selection, options: FindOptions = {}): AsyncIterable<Row> {
    return this.#find(selection, options);
  }

  findPages(selection: Selection, options: FindOptions = {}): AsyncIterable<readonly Row[]> {
    return pagesOf(this.find(selection, options), batchSizeOf(options.batchSize));
  }

  async *#find(selection: Selection, options: FindOptions): AsyncGenerator<Row> {
    const checked = this.#check(selection);
    const asked = options.fields?.map((field) => checkIdentifier(field, `field of ${selection.collection.qualifiedName}`));
    const fields = asked && asked.length > 0 ? asked : undefined;
    const batchSize = batchSizeOf(options.batchSize);
    assertNotAborted(options.signal);
    if (checked.matchesNothing) return;
    const flight = this.#begin(options.signal);
    try {
      const response = await this.#call('find', { ...body(selection, checked), fields, batchSize }, flight.signal);
      for await (const row of readRows(response, this.#target.label)) {
        this.#lifecycle.assertOpen();
        assertNotAborted(options.signal);
        yield row;
      }
      this.#lifecycle.assertOpen();
    } catch (error) {
      throw this.#wrap(error, `find on ${selection.collection.qualifiedName}`, options.signal);
    } finally {
      flight.end();
    }
  }

  async count(selection: Selection): Promise<number> {
    const checked = this.#check(selection);
    if (checked.matchesNothing) return 0;
    return this.#counted('count', body(selection, checked), `count on ${selection.collection.qualifiedName}`);
  }

  async update(selection: Selection, set: Readonly<Record<string, Value>>): Promise<number> {
    const checked = this.#check(selection);
    const assignments = checkAssignments(selection.collection, set);
    assertBounded(checked, 'update');
    if (checked.matchesNothing) return 0;
    const request = { ...body(selection, checked), set: Object.fromEntries(assignments) };
    return this.#counted('update', request, `update of ${selection.collection.qualifiedName}`);
  }

  /** Row by row: the protocol's update sets the same values on every row it selects. */
  async updateEach(collection: CollectionModel, rows: readonly RowUpdate[]): Promise<number> {
    return updateRowByRow(this, collection, checkRowUpdates(collection, rows));
  }

  async delete(selection: Selection): Promise<number> {
    const checked = this.#check(selection);
    assertBounded(checked, 'delete');
    if (checked.matchesNothing) return 0;
    return this.#counted('delete', body(selection, checked), `delete from ${selection.collection.qualifiedName}`);
  }

  /** Runs `work` directly: each call is its own unit at the provider. */
  async transaction<T>(work: (session: ConnectorSession) => Promise<T>): Promise<T> {
    this.#lifecycle.assertOpen();
    return work(this);
  }

  /**
   * POSTs a signed `{}` to `/custos/ping`: any answer but a refusal proves the provider is there (404 included, for providers
   * that only implement the four data endpoints). 401/403 is CustosError('config'): the secret or the clocks disagree.
   */
  async ping(): Promise<void> {
    this.#lifecycle.assertOpen();
    const flight = this.#begin();
    try {
      const response = await this.#call('ping', {}, flight.signal);
      await response.body?.cancel();
    } catch (error) {
      if (error instanceof ProviderStatusError && (error.status === 404 || error.status === 405)) return;
      const wrapped = this.#wrap(error, 'ping');
      if (wrapped.code === 'config' || wrapped.code === 'closed') throw wrapped;
      throw new CustosError({ code: 'store-unavailable', message: wrapped.message, details: wrapped.details });
    } finally {
      flight.end();
    }
  }

  async introspect(): Promise<readonly IntrospectedCollection[]> {
    this.#lifecycle.assertOpen();
    throw new CustosError({ code: 'precondition-failed', message: `${this.#target.label}: an http store cannot be introspected` });
  }

  async close(): Promise<void> {
    if (!this.#lifecycle.close()) return;
    for (const controller of this.#inFlight) controller.abort();
    this.#inFlight.clear();
  }

  /** A signal for one call, aborted by the caller's signal or by close. */
  #begin(external?: AbortSignal): { readonly signal: AbortSignal; end(): void } {
    const controller = new AbortController();
    this.#inFlight.add(controller);
    const abort = () => controller.abort(external?.reason);
    external?.addEventListener('abort', abort, { once: true });
    return {
      signal: controller.signal,
      end: () => {
        this.#inFlight.delete(controller);
        external?.removeEventListener('abort', abort);
      },
    };
  }

  #check(selection: Selection): CheckedSelection {
    this.#lifecycle.assertOpen();
    checkIdentifier(selection.collection.name, 'collection');
    return checkSelection(selection);
  }

  async #counted(operation: Operation, request: CallBody, description: string): Promise<number> {
    const flight = this.#begin();
    try {
      return await readCount(await this.#call(operation, request, flight.signal), this.#target.label);
    } catch (error) {
      throw this.#wrap(error, description);
    } finally {
      flight.end();
    }
  }

  #call(operation: Operation, request: unknown, signal: AbortSignal): Promise<Response> {
    return call(operation, request, { config: this.#config, now: this.#now, signal });
  }

  #wrap(error: unknown, operation: string, signal?: AbortSignal): CustosError {
    if (this.#lifecycle.closed) return this.#lifecycle.closedError();
    if (signal?.aborted) return new CustosError({ code: 'aborted', message: 'the operation was aborted' });
    if (error instanceof ProviderStatusError && (error.status === 401 || error.status === 403)) {
      const variable = this.#target.secretName ? ` in ${this.#target.secretName}` : '';
      return new CustosError({
        code: 'config',
        message: `${this.#target.label}: the provider refused Custos's signature (${error.status}); check the secret${variable} and both clocks`,
      });
    }
    return toStoreError(this.#target, error, classifyHttp(error), operation);
  }
}

/**
 * What every call carries: the collection's name and the selection's lists, values without duplicates; an array of groups
 * stays an array (groups that match nothing left out), for the provider to OR in one go.
 */
function body(selection: Selection, checked: CheckedSelection): CallBody {
  const where = Array.isArray(selection.where) ? checked.groups.map(groupObject) : groupObject(checked.groups[0] ?? []);
  return { collection: selection.collection.name, where };
}

function groupObject(group: WhereGroup): Where {
  return Object.fromEntries(group.map((term) => [term.field, term.values]));
}
