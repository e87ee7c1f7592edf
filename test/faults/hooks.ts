// Where the fault suites strike: before a chosen connector call (SQL stores) or a chosen Redis command, the server is killed.
import { Redis } from 'ioredis';
import type { Connector, ConnectorSession } from '../../src/connectors/index.js';
import type { PrivateServer } from './servers.js';

export interface ConnectorCall {
  readonly operation: 'find' | 'count' | 'update' | 'updateEach' | 'delete';
  /** `dataset.collection`. */
  readonly collection: string;
  readonly inTransaction: boolean;
}

/** A `before` hook that kills `server` the first time `matches` holds, then does nothing. */
export function killOnce<T>(server: PrivateServer, matches: (event: T) => boolean): (event: T) => void {
  let armed = true;
  return (event) => {
    if (!armed || !matches(event)) return;
    armed = false;
    server.killNow();
  };
}

/** The connector with `before` called (synchronously) ahead of each operation, its transactions' sessions included. */
export function watchConnector(connector: Connector, before: (call: ConnectorCall) => void): Connector {
  const watch = (session: ConnectorSession, inTransaction: boolean): ConnectorSession => ({
    find(selection, options) {
      before({ operation: 'find', collection: selection.collection.qualifiedName, inTransaction });
      return session.find(selection, options);
    },
    findPages(selection, options) {
      before({ operation: 'find', collection: selection.collection.qualifiedName, inTransaction });
      return session.findPages(selection, options);
    },
    count(selection) {
      before({ operation: 'count', collection: selection.collection.qualifiedName, inTransaction });
      return session.count(selection);
    },
    update(selection, set) {
      before({ operation: 'update', collection: selection.collection.qualifiedName, inTransaction });
      return session.update(selection, set);
    },
    updateEach(collection, rows) {
      before({ operation: 'updateEach', collection: collection.qualifiedName, inTransaction });
      return session.updateEach(collection, rows);
    },
    delete(selection) {
      before({ operation: 'delete', collection: selection.collection.qualifiedName, inTransaction });
      return session.delete(selection);
    },
  });
  return {
    ...watch(connector, false),
    kind: connector.kind,
    capabilities: connector.capabilities,
    transaction: (work) => connector.transaction((session) => work(watch(session, true))),
    ping: () => connector.ping(),
    introspect: (options) => connector.introspect(options),
    close: () => connector.close(),
  };
}

type SendCommand = (this: Redis, command: { readonly name: string }, ...rest: unknown[]) => unknown;

/**
 * Calls `before(name)` ahead of every command an ioredis client sends to `server` (pipelined and MULTI commands
 * included: ioredis sends each through `sendCommand`). Returns the function that removes the hook.
 */
export function onRedisCommand(server: PrivateServer, before: (name: string) => void): () => void {
  const port = Number(new URL(server.url).port);
  const prototype = Redis.prototype as unknown as { sendCommand: SendCommand };
  const original = prototype.sendCommand;
  prototype.sendCommand = function (this: Redis, command, ...rest) {
    if (this.options.port === port) before(command.name);
    return original.call(this, command, ...rest);
  };
  return () => {
    prototype.sendCommand = original;
  };
}
