// Two `custos serve` processes on one PostgreSQL store (a schema of its own, pg-boss beside it) share 60 queued access
// requests: each request runs exactly once, none is lost.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { systemClock } from '../../src/clock.js';
import { openDesk } from '../../src/desk/index.js';
import { openPgBossJobQueue } from '../../src/jobs/index.js';
import { compilePolicyFolder } from '../../src/policy/index.js';
import { openPostgresStore, type Store } from '../../src/store/index.js';
import { generateMasterKey, loadMasterKeys, openMemoryKeyRing, openVault } from '../../src/vault/index.js';
import { eventually } from '../desk/world.js';
import { dropPostgresSchemas, serviceUrl } from '../services.js';
import { nimbusCopy, serviceEnv, spawnCustos, type ServiceProcess } from './processes.js';

const url = serviceUrl('postgres');
const CUSTOMERS = 30;
const REQUESTS = 60;
const schema = `custos_svc_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const dir = resolve(`test/.tmp/service-pg-${process.pid}-${Date.now()}`);
const agent = { role: 'agent', id: 'u_agent' } as const;

const dropSchemas = () => dropPostgresSchemas(url!, schema, `${schema}_jobs`);

describe.skipIf(!url)('two custos serve processes on PostgreSQL', () => {
  let privacy: string;
  let store: Store;
  const services: ServiceProcess[] = [];
  beforeAll(async () => {
    privacy = await nimbusCopy(dir, CUSTOMERS);
  }, 120_000);
  afterAll(async () => {
    for (const s of services) s.child.kill('SIGKILL');
    await store?.close();
    await dropSchemas();
    rmSync(dir, { recursive: true, force: true });
  });

  it('run each of 60 queued access requests exactly once, losing none', async () => {
    // The requests are verified before any server runs: their runs wait in pg-boss, in the schema the servers will use.
    const model = compilePolicyFolder(privacy).model!;
    store = openPostgresStore(url!, { schema });
    await store.ready();
    const jobs = await openPgBossJobQueue(url!, { schema: `${schema}_jobs`, pollIntervalMs: 500 });
    const vault = openVault(openMemoryKeyRing(), loadMasterKeys({ CUSTOS_MASTER_KEY: generateMasterKey() }));
    const desk = openDesk({
      model,
      store,
      jobs,
      vault,
      clock: systemClock,
      options: { pseudonymKey: new Uint8Array(32).fill(7), packagesDir: join(dir, '.custos', 'packages'), runRetryDelaySeconds: 1 },
    });
    const ids: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const email = nimbusEmail(1 + (i % CUSTOMERS));
      const { id } = await desk.register({ kind: 'access', channel: 'email', jurisdiction: 'gdpr', identities: { email: [email] } }, agent);
      await desk.markVerified(id, agent, 'known correspondent');
      ids.push(id);
    }
    await jobs.close();
    await vault.close();
    const approved = await Promise.all(ids.map(async (id) => (await store.requests.get(id))!.request.status));
    expect(new Set(approved)).toEqual(new Set(['approved']));

    const storeUrl = `${url}${url!.includes('?') ? '&' : '?'}schema=${schema}`;
    for (let i = 0; i < 2; i++)
      services.push(spawnCustos(['serve', privacy, '--store', storeUrl, '--port', '0', '--workers', '3'], dir, serviceEnv()));
    await Promise.all(services.map((s) => s.waitFor('custos: serving', 120_000)));

    const statuses = async () => Promise.all(ids.map(async (id) => (await store.requests.get(id))!.request.status));
    await eventually(async () => ((await statuses()).every((s) => s === 'completed') ? true : undefined), 240_000);
    for (const s of services) s.child.kill('SIGTERM');
    expect(await Promise.all(services.map((s) => s.exit))).toEqual([0, 0]);

    const trail = await store.audit.read(1, 100_000);
    for (const id of ids) {
      const history = await store.requests.history(id);
      expect({ id, starts: history.filter((t) => t.event === 'start-run').length }).toEqual({ id, starts: 1 });
      expect({ id, ends: history.filter((t) => t.event === 'run-succeeded').length }).toEqual({ id, ends: 1 });
      expect({ id, runs: trail.filter((e) => e.subjects['request'] === id && e.action === 'request.run').length }).toEqual({ id, runs: 1 });
      expect((await store.journal.get(id))?.status).toBe('completed');
    }
  }, 420_000);
});
