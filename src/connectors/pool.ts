// One connector per dataset for the length of a request, opened on first use and all closed together.
import type { Connector } from './connector.js';
import { openConnector } from './open.js';
import { CustosError } from '../errors.js';
import type { PolicyModel } from '../policy/index.js';

export interface ConnectorPool {
  get(dataset: string): Promise<Connector>;
  close(): Promise<void>;
}

export interface ConnectorPoolOptions {
  /** Environment to read `{ env: NAME }` URLs and secrets from (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Opens a connector; tests and benchmarks may inject their own (default: openConnector). */
  readonly open?: typeof openConnector;
}

export function createConnectorPool(model: PolicyModel, options: ConnectorPoolOptions = {}): ConnectorPool {
  const open = options.open ?? openConnector;
  const opened = new Map<string, Promise<Connector>>();
  return {
    get(datasetId) {
      let connector = opened.get(datasetId);
      if (!connector) {
        const dataset = model.datasets.get(datasetId);
        if (!dataset) throw new CustosError({ code: 'not-found', message: `no dataset "${datasetId}" in the manifest` });
        connector = open(dataset, { env: options.env ?? process.env });
        opened.set(datasetId, connector);
        // A failed open is not cached: the next request tries again.
        connector.catch(() => opened.delete(datasetId));
      }
      return connector;
    },
    async close() {
      const all = [...opened.values()];
      opened.clear();
      await Promise.all(all.map(async (c) => (await c.catch(() => undefined))?.close()));
    },
  };
}
