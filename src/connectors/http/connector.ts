// The HTTP connector: for systems Custos cannot reach directly, the provider answers signed find/count/update/delete calls
// (protocol 1), and lists whole collections page by page when its ping answer says it speaks protocol 2.
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
import { PROTOCOL_1, protocolOf, type ProviderProtocol } from './discovery.js';
import { splitBody } from './key-limits.js';
import { listRows, type ListBody } from './listing.js';
import { call, classifyHttp, ProviderStatusError, readCount, readJson, readRows, type CallBody, type Operation } from './protocol.js';

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
  /** What the provider declared at the last ping; asked on first need when the connector was opened without one. */
  #protocol: Promise<ProviderProtocol> | undefined;

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
    if (checked.groups.some((group) => group.length === 0)) {
      yield* this.#list(selection.collection, fields, batchSize, options.signal);
      return;
    }
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

  /**
   * Every row of a collection, through protocol 2's `list`. A protocol 1 provider was never asked to send a whole
   * collection in one answer, and may cap it without saying so: its reads are refused (CustosError 'precondition-failed'
   * naming the operation to implement) rather than counted short.
   */
  async *#list(
    collection: CollectionModel,
    fields: readonly string[] | undefined,
    batchSize: number,
    signal?: AbortSignal,
  ): AsyncGenerator<Row> {
    const description = `list of ${collection.qualifiedName}`;
    let protocol: ProviderProtocol;
    try {
      protocol = await this.#declared();
    } catch (error) {
      throw this.#wrap(error, description, signal);
    }
    if (!protocol.operations.has('list')) {
      throw new CustosError({
        code: 'precondition-failed',
        message: `${this.#target.label}: the provider cannot list ${collection.name} (it speaks protocol ${protocol.version}); implement the list operation of protocol 2 (docs/connectors-http.md) so that retention can read whole collections`,
        details: { reason: 'list-unsupported', protocol: protocol.version },
      });
    }
    const limit = Math.min(batchSize, protocol.pageLimit ?? batchSize);
    const fetchPage = (request: ListBody) => this.#pageRows(request, signal);
    try {
      for await (const row of listRows(collection, fields, limit, fetchPage, this.#target.label)) {
        this.#lifecycle.assertOpen();
        assertNotAborted(signal);
        yield row;
      }
    } catch (error) {
      throw this.#wrap(error, description, signal);
    }
  }

  async *#pageRows(request: ListBody, signal?: AbortSignal): AsyncGenerator<Row> {
    const flight = this.#begin(signal);
    try {
      yield* readRows(await this.#call('list', request, flight.signal), this.#target.label);
    } finally {
      flight.end();
    }
  }

  /** The provider's declared protocol, from the last ping, else one ping now (a refused ping is protocol 1). */
  #declared(): Promise<ProviderProtocol> {
    if (this.#protocol === undefined) {
      const asked = this.ping().then(() => this.#protocol ?? PROTOCOL_1);
      // A ping that failed is asked again next time.
      asked.catch(() => (this.#protocol = undefined));
      this.#protocol = asked;
    }
    return this.#protocol;
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
    const values = Object.fromEntries(assignments);
    let count = 0;
    for (const request of await this.#bounded(selection, checked))
      count += await this.#counted('update', { ...request, set: values }, `update of ${selection.collection.qualifiedName}`);
    return count;
  }

  /** Row by row: the protocol's update sets the same values on every row it selects. */
  async updateEach(collection: CollectionModel, rows: readonly RowUpdate[]): Promise<number> {
    return updateRowByRow(this, collection, checkRowUpdates(collection, rows));
  }

  async delete(selection: Selection): Promise<number> {
    const checked = this.#check(selection);
    assertBounded(checked, 'delete');
    if (checked.matchesNothing) return 0;
    let count = 0;
    for (const request of await this.#bounded(selection, checked))
      count += await this.#counted('delete', request, `delete from ${selection.collection.qualifiedName}`);
    return count;
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
      this.#protocol = Promise.resolve(protocolOf(await readJson(response), this.#target.label));
    } catch (error) {
      if (error instanceof ProviderStatusError && (error.status === 404 || error.status === 405)) {
        this.#protocol = Promise.resolve(PROTOCOL_1);
        return;
      }
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

  /**
   * A write's bodies within the provider's declared `limits.keys`: one body when it fits, else the longest list (or an
   * OR's groups) cut into calls that each fit. A resent call is safe: rows already deleted or set are matched again as
   * none, or set to the same values.
   */
  async #bounded(selection: Selection, checked: CheckedSelection): Promise<CallBody[]> {
    const whole = body(selection, checked);
    let limit: number | undefined;
    try {
      limit = (await this.#declared()).keysLimit;
    } catch (error) {
      throw this.#wrap(error, `write to ${selection.collection.qualifiedName}`);
    }
    return limit === undefined ? [whole] : splitBody(whole, limit);
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
