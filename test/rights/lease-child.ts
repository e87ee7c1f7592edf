// Child process for the lease test: erases Ada's data under a given request id when told to go, and pauses, holding the
// request, once resolved until told to continue. Prints READY, HOLDING, then RESULT <json> or REFUSED <code>.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isCustosError } from '../../src/errors.js';
import { compilePolicy } from '../../src/policy/index.js';
import { executeErasure, normalizeIdentities } from '../../src/rights/index.js';
import { testContext } from './context.js';

const [dir, manifestFile, requestId] = process.argv.slice(2) as [string, string, string];
const compiled = compilePolicy([{ path: 'shop.yaml', text: readFileSync(manifestFile, 'utf8') }], { baseDir: dir });
if (!compiled.model) throw new Error('manifest did not compile');
const model = compiled.model;
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const line = async (expected: string) => {
  const next = await lines.next();
  if (next.value !== expected) throw new Error(`expected "${expected}" on stdin`);
};

const ctx = testContext(
  { dir, model },
  {
    onProgress: async (event) => {
      if (event.type !== 'resolved') return;
      process.stdout.write('HOLDING\n');
      await line('continue');
    },
  },
);
process.stdout.write('READY\n');
await line('go');
try {
  const result = await executeErasure(ctx, {
    id: requestId,
    identities: normalizeIdentities(model, new Map([['email', ['ada@example.com']]])),
  });
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
} catch (error) {
  if (!isCustosError(error)) throw error;
  process.stdout.write(`REFUSED ${error.code} ${error.message}\n`);
} finally {
  await ctx.close();
  process.stdin.destroy();
}
