// The staff console in French, in a real browser (chromium): an officer signs in on the French sign-in page and opens
// every page of the console (the queue, a request with its plan, the outbox, the audit trail, the registers with an
// incident, the documents, the dashboard), an administrator the users and the API keys; no page shows a string of the
// English tables that the French tables do not have. axe-core checks every page; screenshots under
// test/.artifacts/console-fr/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { openRegisters } from '../../src/desk/index.js';
import { totpCode } from '../../src/server/index.js';
import { logCapture, PASSWORD } from '../../src/server/testing.test-support.js';
import { oversightWordsFor } from '../../src/web/console/words/index.js';
import { webMessagesFor } from '../../src/web/index.js';
import { deskWorld, type DeskWorld } from '../desk/world.js';
import { englishIn, englishOnly, newContext, serveForBrowser, storeStaff, visit } from './browser.test-support.js';

const SUITE = 'console-fr';
const fr = webMessagesFor('fr');
const o = oversightWordsFor('fr');
// "English" is the language switch naming English in English, as it names every language in itself.
const ENGLISH = englishOnly([webMessagesFor('en'), oversightWordsFor('en')], [fr, o]).filter((s) => s !== 'English');

let world: DeskWorld;
let browser: Browser;
let served: Awaited<ReturnType<typeof serveForBrowser>>;
let base: string;
let adminTotpSecret: string;
const capture = logCapture();

beforeAll(async () => {
  // Access requests wait for an officer: the request's page then shows its plan.
  world = await deskWorld('console-fr', 12, { approval: { access: 'officer' } });
  const staff = await storeStaff(world);
  adminTotpSecret = staff.adminTotpSecret;
  const { directory, sessions } = staff;
  served = await serveForBrowser(world, {
    directory,
    sessions,
    registers: openRegisters({ store: world.store, clock: world.clock }),
    secureCookies: false,
    diagnostics: [],
    logger: { stream: capture.stream },
  });
  ({ base, browser } = served);
}, 120_000);
afterAll(async () => {
  await served?.close();
  await world?.cleanup();
});

/** Signs in on the console's French sign-in page (reached from /console, as a browser set to French reaches it). */
async function signIn(page: Page, email: string, totp?: string): Promise<string> {
  const s = fr.console.signIn;
  await page.goto(`${base}/console`);
  await page.waitForURL(/\/console\/sign-in/);
  const text = await visit(page, SUITE, `sign-in-${email.split('@')[0]}`);
  await page.getByRole('textbox', { name: s.email }).fill(email);
  await page.getByLabel(s.password).fill(PASSWORD);
  if (totp) await page.getByRole('textbox', { name: s.totp }).fill(totp);
  await page.getByRole('button', { name: s.submit }).click();
  await page.waitForURL(/\/console\/requests/);
  return text;
}

describe('the staff console in French', () => {
  it('shows no English string on any page an officer and an administrator open', async () => {
    // Something on every page: a verified access request awaiting a decision (its plan), messages, audit entries.
    const receipt = await world.desk.submit({
      kind: 'access',
      channel: 'web',
      jurisdiction: 'gdpr',
      identities: { email: [nimbusEmail(3)] },
      language: 'fr',
    });
    const code = (await world.messages(receipt.id)).find((m) => m.template === 'verification-code')!.params['code']!;
    await world.desk.verifyCode(receipt.statusToken, code, '127.0.0.1');

    const texts: [string, string][] = [];
    const context = await newContext(browser, 'fr-FR');
    const page = await context.newPage();
    texts.push(['sign-in', await signIn(page, 'officer@nimbus.example')]);
    const nav = page.getByRole('navigation', { name: fr.console.layout.navigation });
    const open = async (section: keyof typeof fr.console.layout.sections, step: string) => {
      await nav.getByRole('link', { name: fr.console.layout.sections[section], exact: true }).click();
      await page.waitForLoadState();
      texts.push([step, await visit(page, SUITE, step)]);
    };

    texts.push(['queue', await visit(page, SUITE, '1-queue')]);
    await page.getByRole('link', { name: receipt.id, exact: true }).click();
    await page.waitForURL(new RegExp(`/console/requests/${receipt.id}`));
    const request = await visit(page, SUITE, '2-request');
    texts.push(['request', request]);
    const plan = page.getByRole('table', { name: `${fr.console.request.plan} (${o.codes.operations.access})` });
    expect(await plan.getByRole('row').count()).toBeGreaterThan(1);
    expect(request).toContain(o.codes.copies.access);

    await open('outbox', '3-outbox');
    expect(texts.at(-1)![1]).toContain(o.codes.templates['verification-code']);
    await open('audit', '4-audit');
    expect(texts.at(-1)![1]).toContain(o.codes.auditActions['request.created']);

    await open('registers', '6-registers');
    await page.getByRole('link', { name: o.registers.record.incident }).click();
    texts.push(['incident-form', await visit(page, SUITE, '7-incident-form')]);
    const f = o.registers.fields;
    await page.getByRole('textbox', { name: f['description']! }).fill('Un portable volé');
    await page.getByLabel(f['detectedAt']!).fill(world.clock.now().toISOString().slice(0, 16));
    await page.getByRole('textbox', { name: f['dataCategories']! }).fill('billing');
    await page.getByRole('spinbutton', { name: f['approxPeople']! }).fill('5');
    await page.getByRole('spinbutton', { name: f['approxRecords']! }).fill('5');
    await page.getByRole('combobox', { name: f['risk']! }).selectOption('risk');
    await page.getByRole('textbox', { name: f['laws']! }).fill('gdpr');
    await page.getByRole('button', { name: o.registers.submit }).click();
    await page.waitForURL(/done=recorded/);
    const incident = await visit(page, SUITE, '8-incident');
    texts.push(['incident', incident]);
    expect(incident).toContain(o.codes.registerStatuses.open);
    expect(incident).toContain(o.codes.recipients.authority);
    await open('registers', '9-registers-listed');

    await open('documents', '10-documents');
    await open('dashboard', '11-dashboard');
    await context.close();

    // Users and API keys are an administrator's.
    const admin = await newContext(browser, 'fr-FR');
    const adminPage = await admin.newPage();
    world.clock.advance(30_000);
    await signIn(adminPage, 'admin@nimbus.example', totpCode(adminTotpSecret, world.clock.now()));
    await adminPage.goto(`${base}/console/users`);
    texts.push(['users', await visit(adminPage, SUITE, '12-users')]);
    await adminPage.goto(`${base}/console/keys`);
    await adminPage.getByRole('checkbox', { name: o.codes.scopes['requests:read']! }).check();
    await adminPage.getByRole('button', { name: o.keys.create }).click();
    texts.push(['key-created', await visit(adminPage, SUITE, '13-key-created')]);
    // Verifying the chain is an administrator's (or an auditor's) too.
    await adminPage.goto(`${base}/console/audit`);
    await adminPage.getByRole('button', { name: o.audit.verify }).click();
    await adminPage.getByRole('status').waitFor();
    texts.push(['audit-verified', await visit(adminPage, SUITE, '14-audit-verified')]);
    await admin.close();

    // E-mail addresses are data, not words ("analyst@nimbus.example" is not the English role name).
    for (const [step, text] of texts) expect(englishIn(text.replace(/\S+@\S+/g, ''), ENGLISH), step).toEqual([]);
  }, 180_000);
});
