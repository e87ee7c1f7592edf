// The staff console's last journeys in a real browser (chromium): an officer asks a person for a proof of identity, the
// person sends it from their status page (told it will be destroyed), the officer opens it (audited) and marks the
// request verified; an administrator adds a user (the password shown once), changes their role and disables them,
// each ending their session, and creates an API key that works until it is revoked. axe-core checks every page of
// ours; each is saved at desktop and phone widths under test/.artifacts/console-c/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { totpCode } from '../../src/server/index.js';
import { logCapture, PASSWORD } from '../../src/server/testing.test-support.js';
import { oversightWordsFor } from '../../src/web/console/words/index.js';
import { webMessagesFor } from '../../src/web/index.js';
import { deskWorld, type DeskWorld } from '../desk/world.js';
import { customerPicker, newContext, serveForBrowser, storeStaff, visit } from './browser.test-support.js';

const CUSTOMERS = 12;
const SUITE = 'console-c';
const en = webMessagesFor('en');
const c = en.console;
const o = oversightWordsFor('en');

let world: DeskWorld;
let browser: Browser;
let served: Awaited<ReturnType<typeof serveForBrowser>>;
let base: string;
let adminTotpSecret: string;
const capture = logCapture();
/** What the log must never hold: passwords and keys shown once, the people's e-mail addresses. */
const secrets: string[] = [];

beforeAll(async () => {
  // Access requests wait for an officer here, so a request marked verified stays in the queue to be decided.
  world = await deskWorld('console-c', CUSTOMERS, { approval: { access: 'officer' } });
  const staff = await storeStaff(world);
  adminTotpSecret = staff.adminTotpSecret;
  const { directory, sessions } = staff;
  served = await serveForBrowser(world, {
    directory,
    sessions,
    apiKeys: world.store.apiKeys,
    secureCookies: false,
    logger: { stream: capture.stream },
  });
  ({ base, browser } = served);
}, 120_000);
afterAll(async () => {
  await served?.close();
  const log = capture.text();
  expect(log).toContain('/console/requests/:id/proofs/:proofId');
  for (const secret of secrets) expect(log).not.toContain(secret);
  await world?.cleanup();
});

const customer = customerPicker(CUSTOMERS);

/** Fills the console's sign-in form; the page is then wherever the console sent it (or still on sign-in, refused). */
async function signIn(page: Page, email: string, password: string, totp?: string): Promise<void> {
  await page.goto(`${base}/console`);
  await page.waitForURL(/\/console\/sign-in/);
  await page.getByRole('textbox', { name: c.signIn.email }).fill(email);
  await page.getByLabel(c.signIn.password).fill(password);
  if (totp) await page.getByRole('textbox', { name: c.signIn.totp }).fill(totp);
  await page.getByRole('button', { name: c.signIn.submit }).click();
  await page.waitForLoadState();
}

/** The administrator's code a step after the last one: a code is accepted once per time step. */
function adminCode(): string {
  world.clock.advance(30_000);
  return totpCode(adminTotpSecret, world.clock.now());
}

describe('the staff console: proofs, users and keys', () => {
  it('asks a person for a proof, which they send from their status page and the officer opens (audited) before marking them verified', async () => {
    // The person filed an access request and has not entered their code: the officer has a doubt and asks for a proof.
    const personEmail = nimbusEmail(customer((p) => p.closure !== 'closed'));
    secrets.push(personEmail);
    const receipt = await world.desk.submit({
      kind: 'access',
      channel: 'web',
      jurisdiction: 'gdpr',
      identities: { email: [personEmail] },
      language: 'en',
    });
    const officer = await (await newContext(browser, 'en-GB')).newPage();
    await signIn(officer, 'officer@nimbus.example', PASSWORD);
    await officer.waitForURL(/\/console\/requests/);
    await officer.goto(`${base}/console/requests/${receipt.id}`);
    const asked = c.request.action['ask-proof'];
    await officer
      .getByRole('textbox', { name: `${asked.heading} — ${c.request.reason}` })
      .fill('The address given differs from the account');
    await officer.getByRole('button', { name: asked.button }).click();
    await officer.waitForURL(/done=ask-proof/);
    expect(await visit(officer, SUITE, '1-proof-asked')).toContain(c.request.awaitingProof);
    expect((await world.messages(receipt.id)).map((m) => m.template)).toContain('proof-needed');

    // The person's status page: the upload, with the promise of the document's destruction.
    const person = await (await newContext(browser, 'en-GB')).newPage();
    await person.goto(`${base}/privacy/status/${encodeURIComponent(receipt.statusToken)}`);
    const upload = person.getByRole('region', { name: en.status.proofHeading });
    expect(await upload.innerText()).toContain(en.status.proofPromise);
    await visit(person, SUITE, '2-status-proof');
    // A small PNG of the person's own page: any image the browser made will do as the document.
    const document = await person.screenshot({ clip: { x: 0, y: 0, width: 48, height: 32 } });
    await person.getByLabel(en.status.proofFile).setInputFiles({ name: 'identity.png', mimeType: 'image/png', buffer: document });
    await person.getByRole('button', { name: en.status.proofSend }).click();
    await person.waitForURL(/done=proof-sent/);
    expect(await person.getByRole('status').innerText()).toBe(en.status.proofSent);
    await visit(person, SUITE, '3-status-proof-sent');

    // The officer sees the proof on the request's page, and opening it is recorded under their name.
    await officer.goto(`${base}/console/requests/${receipt.id}`);
    const text = await visit(officer, SUITE, '4-proof-received');
    expect(text).toContain(c.request.proofs(1));
    expect(text).toContain(c.request.proofAudited);
    const link = officer.getByRole('link', { name: c.request.proofOpen(1, 'PNG', Math.ceil(document.length / 1024)) });
    const viewsBefore = (await world.store.audit.read(1, 10_000)).filter((e) => e.action === 'person-data.viewed' && e.subjects['proof']);
    expect(viewsBefore).toEqual([]);
    const [opened] = await Promise.all([officer.waitForResponse(/\/proofs\//), link.click()]);
    expect(opened.status()).toBe(200);
    expect(opened.headers()['content-type']).toBe('image/png');
    expect(opened.headers()['cache-control']).toBe('no-store');
    expect(Buffer.compare(await opened.body(), document)).toBe(0);
    const views = (await world.store.audit.read(1, 10_000)).filter((e) => e.action === 'person-data.viewed' && e.subjects['proof']);
    expect(views.map((e) => [e.actor.id, e.subjects['request']])).toEqual([['staff-officer', receipt.id]]);

    // Satisfied, the officer marks the person verified: the request moves on to be decided, the upload is gone.
    await officer.goBack();
    const verify = c.request.action['mark-verified'];
    await officer.getByRole('textbox', { name: `${verify.heading} — ${c.request.reason}` }).fill('The document matches the account');
    await officer.getByRole('button', { name: verify.button }).click();
    await officer.waitForURL(/done=mark-verified/);
    expect(await visit(officer, SUITE, '5-verified')).toContain(c.request.verified);
    expect((await world.desk.get(receipt.id)).request.status).toBe('awaiting-approval');
    await person.reload();
    expect(await person.getByRole('region', { name: en.status.proofHeading }).count()).toBe(0);
    expect(await person.getByRole('button', { name: en.status.proofSend }).count()).toBe(0);
  }, 120_000);

  it('adds a user with a password shown once, ends their session on a change of role, and locks them out once disabled', async () => {
    const admin = await (await newContext(browser, 'en-GB')).newPage();
    await signIn(admin, 'admin@nimbus.example', PASSWORD, adminCode());
    await admin.goto(`${base}/console/users`);
    await visit(admin, SUITE, '6-users');
    const email = 'new.analyst@nimbus.example';
    await admin.getByRole('textbox', { name: o.users.email, exact: true }).fill(email);
    await admin.getByRole('combobox', { name: o.users.role, exact: true }).selectOption('analyst');
    await admin.getByRole('button', { name: o.users.add }).click();
    expect(await admin.getByRole('status').getByText(o.users.added(email)).count()).toBe(1);
    const password = await admin.getByRole('textbox', { name: o.users.passwordOnce }).inputValue();
    expect(password.length).toBeGreaterThanOrEqual(16);
    secrets.push(password);
    await visit(admin, SUITE, '7-user-added');
    await admin.goto(`${base}/console/users`);
    expect(await admin.getByRole('textbox', { name: o.users.passwordOnce }).count()).toBe(0);
    expect(await admin.locator('body').innerText()).not.toContain(password);
    const row = admin.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
    expect(await row.getByRole('cell').first().innerText()).toBe(c.roles.analyst);

    // The new analyst signs in with the password they were given.
    const member = await (await newContext(browser, 'en-GB')).newPage();
    await signIn(member, email, password);
    await member.waitForURL(/\/console\/requests/);
    expect(await member.getByText(c.layout.signedInAs(email, c.roles.analyst)).count()).toBe(1);

    // The role changes to officer: their session ends, and their next sign-in is an officer's.
    await admin.getByRole('combobox', { name: o.users.changeRole(email) }).selectOption('officer');
    await admin.getByRole('button', { name: `${o.users.save} · ${email}` }).click();
    expect(await admin.getByRole('status').innerText()).toBe(o.users.changed);
    expect(await row.getByRole('cell').first().innerText()).toBe(c.roles.officer);
    await visit(admin, SUITE, '8-role-changed');
    await member.reload();
    await member.waitForURL(/\/console\/sign-in/);
    await signIn(member, email, password);
    await member.waitForURL(/\/console\/requests/);
    expect(await member.getByText(c.layout.signedInAs(email, c.roles.officer)).count()).toBe(1);

    // Disabled: the open session ends at once, and the password no longer signs in.
    await admin.getByRole('button', { name: o.users.disable(email) }).click();
    expect(await admin.getByRole('status').innerText()).toBe(o.users.changed);
    expect(await row.getByRole('cell').nth(1).innerText()).toBe(o.users.disabled);
    expect(await row.getByRole('button').count()).toBe(0);
    await visit(admin, SUITE, '9-user-disabled');
    await member.reload();
    await member.waitForURL(/\/console\/sign-in/);
    await signIn(member, email, password);
    expect(await member.getByRole('alert').innerText()).toBe(c.signIn.refused);
    expect(member.url()).toContain('/console/sign-in');
    await visit(member, SUITE, '10-disabled-refused');
    await admin.context().close();
    await member.context().close();
  }, 120_000);

  it('creates an API key shown once, which the provider app uses until it is revoked, then gets 401', async () => {
    const admin = await (await newContext(browser, 'en-GB')).newPage();
    await signIn(admin, 'admin@nimbus.example', PASSWORD, adminCode());
    await admin.goto(`${base}/console/keys`);
    const scopes = admin.getByRole('group', { name: o.keys.scopes });
    for (const scope of await scopes.getByRole('checkbox').all()) await scope.check();
    await admin.getByRole('button', { name: o.keys.create }).click();
    const key = await admin.getByRole('textbox', { name: o.keys.created }).inputValue();
    expect(key).toMatch(/^ck_[0-9a-f]{16}_/);
    secrets.push(key.split('_').slice(2).join('_'));
    await visit(admin, SUITE, '11-key-created');
    await admin.goto(`${base}/console/keys`);
    expect(await admin.getByRole('textbox', { name: o.keys.created }).count()).toBe(0);
    expect(await admin.locator('body').innerText()).not.toContain(key);

    // The provider app files a request with the key and reads it back.
    const app = admin.context().request;
    const bearer = { authorization: `Bearer ${key}` };
    const appEmail = nimbusEmail(customer(() => true));
    secrets.push(appEmail);
    const filed = await app.post(`${base}/api/app/requests`, {
      headers: bearer,
      data: { kind: 'access', jurisdiction: 'gdpr', identities: { email: [appEmail] } },
    });
    expect(filed.status()).toBe(201);
    const { id } = (await filed.json()) as { id: string };
    expect((await app.get(`${base}/api/app/requests/${id}`, { headers: bearer })).status()).toBe(200);

    // Revoked on the page: the same call is refused.
    const prefix = key.split('_').slice(0, 2).join('_');
    await admin.getByRole('button', { name: o.keys.revoke(`${prefix}_`) }).click();
    expect(await admin.getByRole('status').innerText()).toBe(o.keys.revokedDone);
    await visit(admin, SUITE, '12-key-revoked');
    expect(await admin.getByRole('button', { name: o.keys.revoke(`${prefix}_`) }).count()).toBe(0);
    const refused = await app.get(`${base}/api/app/requests/${id}`, { headers: bearer });
    expect(refused.status()).toBe(401);
    expect(await refused.text()).not.toContain(key);
    await admin.context().close();
  }, 120_000);
});
