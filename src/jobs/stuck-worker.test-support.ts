// Test support: a separate process working `request.run` with a handler that never finishes, to be killed mid-job.
import { openJobQueue } from './open.js';

const [location, schema] = process.argv.slice(2);
const queue = await openJobQueue(location!, { schema: schema!, pollIntervalMs: 500 });
await queue.work('request.run', async (job) => {
  process.stdout.write(`started ${job.id} ${job.attempt}\n`);
  await new Promise(() => undefined);
});
