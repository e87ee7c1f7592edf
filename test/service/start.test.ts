// `custos start` (npm start): the sample served with a demo officer who can sign in with the printed password, a master
// key written owner-only, the printed customer able to file a request; a second start prints the same credentials.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceEnv, spawnCustos, type ServiceProcess } from './processes.js';

const cwd = resolve(`test/.tmp/service-start-${process.pid}-${Date.now()}`);
mkdirSync(cwd, { recursive: true });
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function started(): Promise<{ run: ServiceProcess; url: string; email: string; password: string; customer: string }> {
  const env = serviceEnv({ CUSTOS_MASTER_KEY: undefined });
  const run = spawnCustos(['start', '--dir', join(cwd, 'state'), '--port', '0'], cwd, env);
  await run.waitFor('a sample customer:', 180_000);
  const out = run.output();
  const url = /at (http:\/\/127\.0\.0\.1:\d+) — API docs/.exec(out)![1]!;
  const [, email, password] = /e-mail (\S+)\s+password (\S+)/.exec(out)!;
  const customer = /a sample customer:\s+(\S+)/.exec(out)![1]!;
  return { run, url, email: email!, password: password!, customer };
}

describe('custos start', () => {
  it('serves the sample with a demo officer who signs in with the printed password, the same at every start', async () => {
    const first = await started();
    try {
      expect(first.run.output()).toContain(`API docs (try it there):   ${first.url}/api/docs`);
      expect(first.run.output()).toContain(`privacy-center API base:   ${first.url}/api/requests`);
      // The printed pages answer: the privacy center's home, and the console's sign-in for someone not signed in.
      expect(first.run.output()).toContain(`privacy center:            ${first.url}/privacy`);
      expect(first.run.output()).toContain(`staff console:             ${first.url}/console`);
      expect((await fetch(`${first.url}/privacy`)).status).toBe(200);
      const signIn = await fetch(`${first.url}/console`, { redirect: 'manual' });
      expect(signIn.status).toBe(303);
      expect(signIn.headers.get('location')).toMatch(/^\/console\/sign-in/);
      expect(statSync(join(cwd, 'state', 'master.key')).mode & 0o777).toBe(0o600);
      expect(statSync(join(cwd, 'state', 'demo-officer.txt')).mode & 0o777).toBe(0o600);
      const login = await fetch(`${first.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: first.email, password: first.password }),
      });
      expect(login.status).toBe(200);
      expect(await login.json()).toMatchObject({ stage: 'complete', staff: { role: 'officer' } });
      const filed = await fetch(`${first.url}/api/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'access', jurisdiction: 'gdpr', identities: { email: [first.customer] } }),
      });
      expect(filed.status).toBe(201);
    } finally {
      first.run.child.kill('SIGINT');
    }
    expect(await first.run.exit, first.run.errors()).toBe(0);

    const second = await started();
    second.run.child.kill('SIGTERM');
    expect(await second.run.exit, second.run.errors()).toBe(0);
    expect({ email: second.email, password: second.password }).toEqual({ email: first.email, password: first.password });
    expect(second.run.output()).not.toContain('created the demo officer');
  }, 300_000);
});
