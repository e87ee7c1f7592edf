// Child process for the retention kill test: runs (or resumes) one sweep and prints a line after each committed batch,
// so the test can SIGKILL it at a chosen batch; ids and counts only, never a row's values.
import { createConnectorPool } from '../../src/connectors/index.js';
import { compilePolicyFolder } from '../../src/policy/index.js';
import { runRetention } from '../../src/retention/index.js';
import { openStore } from '../../src/store/index.js';

const [manifestDir, storeLocation, sweepId, now, firstBatch, targetBatchMs] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const compiled = compilePolicyFolder(manifestDir, { now: new Date(now) });
if (!compiled.model) throw new Error('the manifest did not compile');
const model = compiled.model;
const pool = createConnectorPool(model);
const store = openStore(storeLocation);
try {
  const sweep = await runRetention(model, pool, store, {
    now: new Date(now),
    sweepId,
    firstBatch: Number(firstBatch),
    targetBatchMs: Number(targetBatchMs),
    onProgress: (e) => process.stdout.write(`batch ${e.collection} ${e.done}/${e.total}\n`),
  });
  process.stdout.write(`swept ${sweep.status}\n`);
} finally {
  await pool.close();
  await store.close();
}
