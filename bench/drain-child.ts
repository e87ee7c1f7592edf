// One Custos service process for the drain benchmark: `startService` over the shared PostgreSQL store, the manifest
// compiled by the parent's setup, listening on a free port; prints `ready` once serving and stops on SIGTERM.
import { destination } from 'pino';
import { DISTRIBUTED_PROFILE, NIMBUS_MANIFEST } from '../examples/nimbus-cloud/generator/index.js';
import { compilePolicyFolder } from '../src/policy/index.js';
import { startService } from '../src/service/index.js';

const { store, baseDir, workers, packagesDir } = JSON.parse(process.argv[2] ?? '{}') as {
  store: string;
  baseDir: string;
  workers: number;
  packagesDir: string;
};
const { model } = compilePolicyFolder(NIMBUS_MANIFEST, { baseDir, profile: DISTRIBUTED_PROFILE });
if (!model) throw new Error('the nimbus manifest does not compile');
const service = await startService({
  model,
  store,
  port: 0,
  workers,
  docs: false,
  // The drain is measured alone: no retention sweep competes with the requests.
  retention: { every: 'off' },
  queue: { pollIntervalMs: 500 },
  desk: { packagesDir },
  logger: { stream: destination('/dev/null'), level: 'warn' },
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => void service.close().then(() => process.exit(0)));
