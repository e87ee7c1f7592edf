// Child process for the service's crash tests: startService on a manifest and store, stopping dead (to be SIGKILLed) at
// the first store an erasure commits when asked to. Prints `LISTENING <url>` once serving, `STOPPED` at the stop point.
import { startService } from '../../src/service/index.js';

const [manifestDir, store, stopAt = 'never'] = process.argv.slice(2) as [string, string, string?];

const service = await startService({
  dir: manifestDir,
  store,
  port: 0,
  logger: { level: 'warn' },
  queue: { pollIntervalMs: 200 },
  onProgress: async (event) => {
    if (stopAt === 'first-commit' && event.type === 'committed' && event.steps.some((step) => step.includes(':delete:'))) {
      process.stdout.write('STOPPED\n');
      await new Promise(() => undefined);
    }
  },
});
process.stdout.write(`LISTENING ${service.url}\n`);
const stop = () => void service.close().then(() => process.stdout.write('CLOSED\n'));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
