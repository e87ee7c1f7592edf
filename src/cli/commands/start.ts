// `custos start` (what `npm start` runs): the sample provider served on embedded SQLite, ready to try from a browser.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../../clock.js';
import { addStaffAccount } from '../../server/index.js';
import type { Store } from '../../store/index.js';
import { writeMasterKeyFile } from '../../vault/index.js';
import { withStore } from '../context.js';
import { writePrivateFile } from '../paths.js';
import { sampleData } from './demo.js';
import { serveUntilStopped } from './serve.js';
import { CLI_ACTOR } from './users.js';

const DEMO_OFFICER = 'officer@nimbus.example';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('serve the sample provider (nimbus-cloud) on embedded SQLite with a demo officer: what npm start runs')
    .option('--dir <dir>', "where Custos's demo state is kept (store, keys, the officer's password)", '.custos')
    .option('--port <n>', 'port to listen on', '3000')
    .action(async (opts: { dir: string; port: string }) => {
      const dir = resolve(opts.dir);
      const say = (line = '') => process.stdout.write(`${line}\n`);
      const model = await sampleData(say);
      const store = join(dir, 'custos.db');
      const env = { ...process.env, ...demoMasterKey(dir, say) };
      const officer = await withStore(store, (s) => demoOfficer(s, dir, say));
      const { nimbusCustomer, nimbusEmail } = await import('../../../examples/nimbus-cloud/generator/index.js');
      let n = 2;
      while (nimbusCustomer(n).closure !== 'free') n++;
      const customer = nimbusEmail(n);
      await serveUntilStopped(model, { store, port: Number(opts.port), env, desk: {} }, ({ url }) => [
        '',
        `  privacy center:            ${url}/privacy`,
        `  staff console:             ${url}/console`,
        `    e-mail ${officer.email}  password ${officer.password}  (privacy officer; no TOTP needed)`,
        `  API docs (try it there):   ${url}/api/docs`,
        `  privacy-center API base:   ${url}/api/requests`,
        `  a sample customer:         ${customer}`,
        '',
        '  Ask for that customer’s data as they would (no SMTP is set: the code e-mail waits in the outbox of the store):',
        `    curl -s ${url}/api/requests -H 'content-type: application/json' \\`,
        `      -d '{"kind":"access","jurisdiction":"gdpr","identities":{"email":["${customer}"]}}'`,
        `    npx custos requests list --store ${store}`,
        '',
        '  Stop with Ctrl-C; requests under way resume at the next start.',
      ]);
    });
}

/** The demo's master key: CUSTOS_MASTER_KEY(_FILE) when set, else `<dir>/master.key`, written owner-only on first start. */
function demoMasterKey(dir: string, say: (line: string) => void): NodeJS.ProcessEnv {
  if (process.env.CUSTOS_MASTER_KEY !== undefined || process.env.CUSTOS_MASTER_KEY_FILE !== undefined) return {};
  const file = join(dir, 'master.key');
  if (!existsSync(file)) {
    const key = writeMasterKeyFile(file);
    say(`  wrote a demo master key (${key.id}) to ${file}, readable by you only: in production keep it out of the store's folder`);
  }
  return { CUSTOS_MASTER_KEY_FILE: file };
}

/**
 * The demo officer, created on first start with a generated password kept owner-only in `<dir>/demo-officer.txt` so
 * later starts can print it again (the store keeps only its hash).
 */
async function demoOfficer(store: Store, dir: string, say: (line: string) => void): Promise<{ email: string; password: string }> {
  const file = join(dir, 'demo-officer.txt');
  if (await store.users.byEmail(DEMO_OFFICER))
    return {
      email: DEMO_OFFICER,
      password: existsSync(file) ? readFileSync(file, 'utf8').trim() : `(not kept: ${file} was removed; delete ${dir} to start afresh)`,
    };
  const added = await addStaffAccount(store.users, { email: DEMO_OFFICER, role: 'officer' }, systemClock);
  await store.audit.append({ actor: CLI_ACTOR, action: 'user.created', subjects: { user: added.user.id }, details: { role: 'officer' } });
  writePrivateFile(file, `${added.password}\n`);
  say(`  created the demo officer ${DEMO_OFFICER}`);
  return { email: DEMO_OFFICER, password: added.password };
}
