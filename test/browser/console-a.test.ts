// The staff console in a real browser (chromium): an officer enrols an authenticator, signs in with its code, reviews
// an access request's plan, approves and runs it, and the person downloads exactly their rows once; an extension under
// GDPR reaches the person's status page and the outbox, and is not offered under Quebec; an analyst reads but cannot
// decide, even by a forced post. axe-core checks every page; screenshots go to test/.artifacts/console-a/.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handWrittenPersonRows } from '../../bench/baseline/nimbus.js';
import { nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { dateInWords } from '../../src/render/index.js';
import { readZip } from '../../src/rights/package/package.test-support.js';
import { InMemoryStaffDirectory, totpCode, type CustosServer } from '../../src/server/index.js';
import { logCapture, PASSWORD, staffFixture } from '../../src/server/testing.test-support.js';
import { codeWordsFor } from '../../src/web/console/words/index.js';
import { webMessagesFor } from '../../src/web/index.js';
import { deskWorld, eventually, type DeskWorld } from '../desk/world.js';
import { customerPicker, newContext, serveForBrowser, visit } from './browser.test-support.js';

const CUSTOMERS = 30;
const SUITE = 'console-a';
const en = webMessagesFor('en');
const c = en.console;
const codes = codeWordsFor('en');

let w: DeskWorld;
let server: CustosServer;
let browser: Browser;
let base: string;
let served: Awaited<ReturnType<typeof serveForBrowser>>;
const capture = logCapture();

beforeAll(async () => {
  // Access requests wait for an officer here (the default approves them automatically).
  w = await deskWorld('console-a', CUSTOMERS, { approval: { access: 'officer' } });
  const fixture = await staffFixture();
  served = await serveForBrowser(w, {
    directory: new InMemoryStaffDirectory(Object.values(fixture.members)),
    logger: { stream: capture.stream },
  });
  ({ server, base, browser } = served);
}, 120_000);
afterAll(async () => {
  await served?.close();
  await w?.cleanup();
});

const customer = customerPicker(CUSTOMERS);

/** Signs in from the console's address: the guard sends the browser to the sign-in page first. */
async function signIn(page: Page, role: string, step: string, totp?: string): Promise<void> {
  await page.goto(`${base}/console`);
  await page.waitForURL(/\/console\/sign-in\?next=%2Fconsole/);
  await visit(page, SUITE, `${step}-sign-in`);
  await page.getByRole('textbox', { name: c.signIn.email }).fill(`${role}@nimbus.example`);
  await page.getByLabel(c.signIn.password).fill(PASSWORD);
  if (totp) await page.getByRole('textbox', { name: c.signIn.totp }).fill(totp);
  await page.getByRole('button', { name: c.signIn.submit }).click();
  await page.waitForURL(/\/console\/(requests|totp)/);
}

/** A person's request through the privacy center's desk call, verified with the code it queued. */
async function verifiedRequest(kind: 'access', jurisdiction: string, email: string): Promise<{ id: string; token: string }> {
  const receipt = await w.desk.submit({ kind, channel: 'web', jurisdiction, identities: { email: [email] }, language: 'en' });
  const code = (await w.messages(receipt.id)).find((m) => m.template === 'verification-code')!.params['code']!;
  await w.desk.verifyCode(receipt.statusToken, code, '127.0.0.1');
  return { id: receipt.id, token: receipt.statusToken };
}

async function openRequest(page: Page, id: string, step: string): Promise<string> {
  await page.goto(`${base}/console/requests`);
  await visit(page, SUITE, `${step}-queue`);
  await page.getByRole('link', { name: id, exact: true }).click();
  await page.waitForURL(new RegExp(`/console/requests/${id}`));
  return visit(page, SUITE, `${step}-request`);
}

describe('the staff console in a browser', () => {
  let officer: BrowserContext;

  it('takes an access request from the privacy center through an officer signed in with TOTP to one download of exactly its rows', async () => {
    // The person files and verifies an access request on the privacy center.
    const person = await (await newContext(browser, 'en-GB')).newPage();
    const n = customer((p) => p.closure !== 'closed');
    const email = nimbusEmail(n);
    await person.goto(`${base}/privacy/request?kind=access`);
    await person.getByRole('radio', { name: new RegExp(`^${en.kinds.access.title}`) }).check();
    await person.getByRole('textbox', { name: en.form.email }).fill(email);
    await person.getByRole('button', { name: en.form.submit }).click();
    await person.waitForURL(/\/privacy\/status\//);
    const id = (await person.locator('code').first().innerText()).trim();
    const code = (await w.messages(id)).find((m) => m.template === 'verification-code')!.params['code']!;
    await person.getByRole('textbox', { name: en.status.code }).fill(code);
    await person.getByRole('button', { name: en.status.confirm }).click();
    await person.waitForURL(/done=verified/);

    // The officer enrols an authenticator through the page, signs out, and signs in with its code.
    officer = await newContext(browser, 'en-GB');
    const page = await officer.newPage();
    await signIn(page, 'officer', '1');
    await page.goto(`${base}/console/totp`);
    await visit(page, SUITE, '1-totp-start');
    await page.getByRole('button', { name: c.totp.start }).click();
    await page.waitForURL(/\/console\/totp/);
    await visit(page, SUITE, '1-totp-scan');
    expect(await page.getByRole('img', { name: c.totp.qr }).locator('svg').count()).toBe(1);
    const secret = (await page.locator('main code').innerText()).trim();
    await page.getByRole('textbox', { name: c.totp.code }).fill('000000');
    await page.getByRole('button', { name: c.totp.confirm }).click();
    expect(await page.getByRole('alert').innerText()).toBe(c.totp.wrong);
    await page.getByRole('textbox', { name: c.totp.code }).fill(totpCode(secret, w.clock.now()));
    await page.getByRole('button', { name: c.totp.confirm }).click();
    await page.waitForURL(/done=enrolled/);
    expect(await page.getByRole('status').innerText()).toBe(c.totp.done);
    await page.getByRole('button', { name: c.layout.signOut }).click();
    await page.waitForURL(/ended=signed-out/);
    w.clock.advance(30_000); // a code is accepted once per time step
    await page.goto(`${base}/console`);
    await page.getByRole('textbox', { name: c.signIn.email }).fill('officer@nimbus.example');
    await page.getByLabel(c.signIn.password).fill(PASSWORD);
    await page.getByRole('button', { name: c.signIn.submit }).click();
    expect(await page.getByRole('alert').innerText()).toBe(c.signIn.totpRequired);
    await signIn(page, 'officer', '1b', totpCode(secret, w.clock.now()));

    // The queue, the request, its plan with the dry-run counts of the person's rows.
    const truth = await handWrittenPersonRows(w.data, email);
    const text = await openRequest(page, id, '2');
    expect(text).toContain(c.request.audited);
    expect(text).toContain(c.request.verified);
    const plan = page.getByRole('table', { name: `${c.request.plan} (${codes.operations.access})` });
    const customers = plan.getByRole('row', { name: /accounts\.customers/ });
    expect(await customers.getByRole('cell').first().innerText()).toBe(String(truth['accounts.customers']!.length));
    const orders = plan.getByRole('row', { name: /accounts\.orders/ });
    expect(await orders.getByRole('cell').first().innerText()).toBe(String(truth['accounts.orders']!.length));
    expect((await w.store.audit.read(1, 10_000)).some((e) => e.action === 'person-data.viewed' && e.subjects['request'] === id)).toBe(true);

    // Approve and run (the desk's jobs worker), then the results on the page.
    const worker = w.work();
    try {
      await page.getByRole('button', { name: c.request.action.approve.button }).click();
      await page.waitForURL(/done=approve/);
      await eventually(async () => ((await w.desk.get(id)).request.status === 'completed' ? true : undefined));
    } finally {
      worker.stop();
    }
    await page.reload();
    const after = await visit(page, SUITE, '3-request-done');
    expect(after).toContain(c.request.run(codes.operations.access, codes.outcomes.succeeded));
    const results = page.getByRole('table', { name: id });
    expect(
      await results
        .getByRole('row', { name: /accounts\.customers/ })
        .getByRole('cell')
        .innerText(),
    ).toBe(String(truth['accounts.customers']!.length));

    // The person downloads the package once: exactly their rows; the link then refuses.
    const link = (await w.messages(id)).find((m) => m.template === 'completed')!.params['downloadUrl']!;
    const token = decodeURIComponent(link.split('/download/')[1]!);
    await person.goto(`${base}/privacy/download/${encodeURIComponent(token)}`);
    const [download] = await Promise.all([
      person.waitForEvent('download'),
      person.getByRole('button', { name: en.download.button }).click(),
    ]);
    const zipFile = join(w.dir, 'console-a.zip');
    writeFileSync(zipFile, await readFile((await download.path())!));
    const entries = await readZip(zipFile);
    let compared = 0;
    for (const [collection, rows] of Object.entries(truth)) {
      const entry = [...entries].find(([file]) => file === `data/${collection}.json`);
      if (!entry) {
        expect(rows, `${collection} has rows but no file in ${[...entries.keys()].join(', ')}`).toEqual([]);
        continue;
      }
      const json = JSON.parse(entry[1].toString('utf8')) as { id?: unknown }[] | { rows: { id?: unknown }[] };
      const got = (Array.isArray(json) ? json : json.rows).map((r) => String(r.id)).sort();
      expect(got, collection).toEqual(rows.map((r) => String((r as { id?: unknown }).id)).sort());
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(3);
    const all = [...entries.values()].map((b) => b.toString('utf8')).join('\n');
    for (let other = 2; other <= CUSTOMERS; other++) if (other !== n) expect(all).not.toContain(nimbusEmail(other));
    const again = await person.goto(`${base}/privacy/download/${encodeURIComponent(token)}`);
    expect(again!.status()).toBe(410);
  }, 180_000);

  it('extends a GDPR request with a reason for the person and the outbox to see, and offers no extension under Quebec', async () => {
    const page = await officer.newPage();
    const gdpr = await verifiedRequest('access', 'gdpr', nimbusEmail(customer(() => true)));
    const before = (await w.desk.get(gdpr.id)).deadline.due;
    await openRequest(page, gdpr.id, '4');
    await page.getByRole('textbox', { name: `${c.request.action.extend.heading} — ${c.request.reason}` }).fill('many archives to search');
    await page.getByRole('button', { name: c.request.action.extend.button }).click();
    await page.waitForURL(/done=extend/);
    const due = (await w.desk.get(gdpr.id)).deadline.due;
    expect(due > before).toBe(true);
    expect(await visit(page, SUITE, '4-extended')).toContain(`${dateInWords(due, 'en')} (${c.request.extended})`);
    expect(await page.getByRole('button', { name: c.request.action.extend.button }).count()).toBe(0); // once only

    const person = await (await newContext(browser, 'en-GB')).newPage();
    await person.goto(`${base}/privacy/status/${encodeURIComponent(gdpr.token)}`);
    expect(await person.locator('main').innerText()).toContain(dateInWords(due, 'en'));

    await page.goto(`${base}/console/outbox`);
    const outbox = await visit(page, SUITE, '5-outbox');
    const row = page.getByRole('row', { name: new RegExp(`${codes.templates.extended}.*${gdpr.id}`) });
    expect(await row.count()).toBe(1);
    // No code, no link, no address: the only @ on the page is the signed-in member's own e-mail in the header.
    const secrets = (await w.store.outbox.queued(10_000)).flatMap((m) => [
      m.params['code'],
      m.params['downloadUrl'],
      m.params['statusUrl'],
    ]);
    for (const secret of secrets.filter((v) => v !== undefined)) expect(outbox).not.toContain(secret);
    expect(outbox.replace('officer@nimbus.example', '')).not.toContain('@');

    const quebec = await verifiedRequest('access', 'quebec', nimbusEmail(customer(() => true)));
    await openRequest(page, quebec.id, '6');
    expect(await page.getByRole('button', { name: c.request.action.extend.button }).count()).toBe(0);
    expect(await page.getByRole('button', { name: c.request.action.deny.button }).count()).toBe(1);
  }, 120_000);

  it('lets an analyst read the queue and a request without any control to decide, refuses a forced approval, and ends an idle session', async () => {
    const { id } = await verifiedRequest('access', 'gdpr', nimbusEmail(customer(() => true)));
    const context = await newContext(browser, 'en-GB');
    const page = await context.newPage();
    await signIn(page, 'analyst', '7');
    const nav = page.getByRole('navigation', { name: c.layout.navigation });
    expect(await nav.getByRole('link', { name: c.layout.sections.queue }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: c.layout.sections.users }).count()).toBe(0);
    const text = await openRequest(page, id, '7');
    expect(text).toContain(c.request.actionsNone);
    expect(await page.getByRole('button', { name: c.request.action.approve.button }).count()).toBe(0);
    expect(await page.getByRole('button', { name: c.request.action.deny.button }).count()).toBe(0);

    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const forced = await page.request.post(`${base}/console/requests/${id}/approve`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(forced.status()).toBe(403);
    expect(await forced.text()).toContain(c.guard.forbidden(c.roles.analyst));
    expect((await w.desk.get(id)).request.status).toBe('awaiting-approval');
    const noToken = await page.request.post(`${base}/console/requests/${id}/deny`, { form: { reason: 'x' }, maxRedirects: 0 });
    expect(noToken.status()).toBe(403);

    w.clock.advance(server.config.session.idleMs + 1000);
    await page.goto(`${base}/console/requests/${id}`);
    await page.waitForURL(/\/console\/sign-in\?next=.*ended=idle/);
    expect(await page.getByRole('alert').innerText()).toBe(c.signIn.ended.idle);
    await visit(page, SUITE, '8-session-ended');
    await context.close();
  }, 120_000);
});
