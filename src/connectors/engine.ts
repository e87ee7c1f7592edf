// The plug-in point of a store kind: each engine folder's index.ts exports one ConnectorEngine.
import type { StoreKind } from '../policy/index.js';
import type { Connector } from './connector.js';
import type { StoreTarget } from './target.js';

/** Resolved once by `openConnector` and handed to every engine. */
export interface EngineOptions {
  /** Milliseconds since the epoch; the HTTP connector signs with it. */
  readonly now: () => number;
}

export interface ConnectorEngine {
  readonly kind: StoreKind;
  /** Creates the connector; may connect lazily, `openConnector` pings it afterwards. */
  open(target: StoreTarget, options: EngineOptions): Promise<Connector>;
}
