// The demo's sample data is generated again when it predates its manifest: the first table or column the manifest
// declares that the SQLite files lack is named, so `npm start` can say why it regenerates.
import { afterEach, describe, expect, it } from 'vitest';
import { ROWS, shopWorld, type ShopWorld } from '../../retention/shop.test-support.js';
import { staleSample } from './demo.js';

let world: ShopWorld | undefined;
afterEach(() => {
  world?.cleanup();
  world = undefined;
});

describe('staleSample', () => {
  it('finds nothing missing in data made for its manifest, then names a dropped column and a dropped table', () => {
    world = shopWorld(ROWS);
    expect(staleSample(world.model)).toBeUndefined();
    world.db.exec('ALTER TABLE surveys DROP COLUMN comment');
    expect(staleSample(world.model)).toBe('shop.surveys.comment');
    world.db.exec('DROP TABLE access_logs');
    expect(staleSample(world.model)).toBe('shop.access_logs');
  });
});
