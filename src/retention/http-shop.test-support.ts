// The shop of shop.test-support.ts kept behind a provider's HTTP endpoint: the manifest's `shop` dataset is `kind: http`,
// and the provider fixture answers Custos's signed calls from the shop's SQLite file.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compilePolicyFolder, type PolicyModel } from '../policy/index.js';
import { connectUrl, createConnectorPool, type Connector, type ConnectorPool } from '../connectors/index.js';
import { startProvider, type ProviderFixture, type ProviderOptions } from '../connectors/http/provider-fixture.test-support.js';
import { SHOP_MANIFEST, shopWorld, type ShopRows, type ShopWorld } from './shop.test-support.js';

const SECRET = 'shop-endpoint-secret';

export interface HttpShop {
  /** The manifest with the shop behind the provider's endpoint. */
  readonly model: PolicyModel;
  /** The provider's own data: its SQLite file, read directly to diff before and after. */
  readonly world: ShopWorld;
  readonly provider: ProviderFixture;
  /** A pool whose `shop` connector signs its calls with the shop's secret. */
  pool(): ConnectorPool;
  close(): Promise<void>;
}

let counter = 0;

/** Starts the provider over a fresh shop with these rows; `options` shape the provider (protocol, injected failures). */
export async function httpShop(
  rows: ShopRows,
  options: Omit<ProviderOptions, 'secret' | 'backend' | 'collections'> = {},
): Promise<HttpShop> {
  const world = shopWorld(rows);
  const dir = resolve(`test/.tmp/retention-http-${process.pid}-${Date.now().toString(36)}-${counter++}`);
  mkdirSync(dir, { recursive: true });
  const manifest = SHOP_MANIFEST.replace(
    'store: { kind: sqlite, file: shop.db }',
    'store: { kind: http, url: { env: SHOP_URL }, secret: { env: SHOP_SECRET } }',
  );
  writeFileSync(join(dir, 'privacy.yaml'), manifest);
  const compiled = compilePolicyFolder(dir, { now: new Date('2026-11-23T00:00:00Z') });
  rmSync(dir, { recursive: true, force: true });
  if (!compiled.model) throw new Error(compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  const model = compiled.model;
  const backend: Connector = await connectUrl('sqlite', join(world.db.name));
  const collections = new Map([...(model.datasets.get('shop')?.collections.values() ?? [])].map((c) => [c.name, c]));
  const provider = await startProvider({ ...options, secret: SECRET, backend, collections });
  return {
    model,
    world,
    provider,
    pool: () => createConnectorPool(model, { env: { SHOP_URL: provider.url, SHOP_SECRET: SECRET } }),
    async close() {
      await provider.close();
      await backend.close();
      world.cleanup();
    },
  };
}
