// Child process for the crash test: erases Ada's data and stops dead (waits to be SIGKILLed) at a chosen point.
import { compilePolicy } from '../../src/policy/index.js';
import { executeErasure, normalizeIdentities } from '../../src/rights/index.js';
import { testContext } from './context.js';
import type { Shop } from './shop.js';
import { readFileSync } from 'node:fs';

const [dir, manifestFile, stopAt] = process.argv.slice(2) as [string, string, string];
const compiled = compilePolicy([{ path: 'shop.yaml', text: readFileSync(manifestFile, 'utf8') }], { baseDir: dir });
if (!compiled.model) throw new Error('manifest did not compile');
const model = compiled.model;
const shop = { dir, model } as Shop;
const ctx = testContext(shop, {
  onProgress: async (event) => {
    // "committed:shop" stops after the first store committed; "step:N" stops inside the first store's transaction.
    const hit =
      (event.type === 'committed' && stopAt === `committed:${event.dataset}`) ||
      (event.type === 'step-done' && stopAt === `step:${event.stepId}`);
    if (hit) {
      process.stdout.write('STOPPED\n');
      await new Promise(() => undefined);
    }
  },
});
await executeErasure(ctx, { id: 'req-crash', identities: normalizeIdentities(model, new Map([['email', ['ada@example.com']]])) });
process.stdout.write('FINISHED\n');
