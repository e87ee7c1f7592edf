// The console's oversight pages in a real browser (chromium): the audit chain verified, then named broken after a row
// is edited in the SQLite store; an API key shown once; an auditor refused a request page but shown the audit trail;
// the dashboard's charts with their tables; an incident recorded through the form with its 72-hour clock.
// axe-core checks every page; each page is saved at desktop and phone widths under test/.artifacts/console-b/.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegisters } from '../../src/desk/index.js';
import { totpCode } from '../../src/server/index.js';
import { PASSWORD } from '../../src/server/testing.test-support.js';
import { oversightWordsFor } from '../../src/web/console/words/index.js';
import type { StaffRole } from '../../src/workflow/index.js';
import { deskWorld, type DeskWorld } from '../desk/world.js';
import { newContext, serveForBrowser, storeStaff, visit } from './browser.test-support.js';

const SUITE = 'console-b';
const w = oversightWordsFor('en');

let world: DeskWorld;
let browser: Browser;
let served: Awaited<ReturnType<typeof serveForBrowser>>;
let base: string;
let adminTotpSecret: string;

beforeAll(async () => {
  world = await deskWorld('console-b', 12);
  const staff = await storeStaff(world);
  adminTotpSecret = staff.adminTotpSecret;
  const { directory, sessions } = staff;
  served = await serveForBrowser(world, {
    directory,
    sessions,
    registers: openRegisters({ store: world.store, clock: world.clock }),
    rateLimit: false,
    secureCookies: false,
    diagnostics: [],
  });
  ({ base, browser } = served);
}, 120_000);
afterAll(async () => {
  await served?.close();
  await world?.cleanup();
});

/** A browser context signed in as `role` (through the sign-in API; the console's forms then carry their own token). */
async function signedIn(role: StaffRole): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, 'en-GB');
  // A TOTP code is taken once: each admin sign-in comes a step later.
  if (role === 'admin') world.clock.advance(30_000);
  const totp = role === 'admin' ? { totp: totpCode(adminTotpSecret, world.clock.now()) } : {};
  const response = await context.request.post(`${base}/api/staff/login`, {
    data: { email: `${role}@nimbus.example`, password: PASSWORD, ...totp },
  });
  expect(response.status()).toBe(200);
  return { context, page: await context.newPage() };
}

describe('the console oversight pages', () => {
  it('shows the audit chain valid, then names the entry a direct edit of the store broke', async () => {
    const { context, page } = await signedIn('admin');
    // Something to audit: a key created through the form.
    await page.goto(`${base}/console/keys`);
    await page
      .getByRole('checkbox', { name: /requests/ })
      .first()
      .check();
    await page.getByRole('button', { name: w.keys.create }).click();
    await page.goto(`${base}/console/audit`);
    await visit(page, SUITE, '1-audit');
    await page.getByRole('button', { name: w.audit.verify }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/^The chain is valid: \d+ entries/);
    await visit(page, SUITE, '2-audit-valid');

    const db = new Database(join(world.dir, 'custos.db'));
    try {
      const seq = (db.prepare('SELECT min(seq) AS seq FROM audit_log').get() as { seq: number }).seq;
      db.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
      db.prepare(`UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = ?`).run(seq);
      await page.getByRole('button', { name: w.audit.verify }).click();
      await expect.poll(() => page.getByRole('status').innerText()).toBe(w.audit.broken(seq, w.audit.problems.altered));
      await visit(page, SUITE, '3-audit-broken');
    } finally {
      db.close();
    }
    await context.close();
  });

  it('shows a new API key once: the page reloaded no longer holds it', async () => {
    const { context, page } = await signedIn('admin');
    await page.goto(`${base}/console/keys`);
    await visit(page, SUITE, '4-keys');
    await page.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: w.keys.create }).click();
    const key = await page.getByRole('textbox', { name: w.keys.created }).inputValue();
    expect(key).toMatch(/^ck_[0-9a-f]{16}_/);
    expect(await page.getByText(w.keys.warning).count()).toBe(1);
    await visit(page, SUITE, '5-key-created');
    await page.goto(`${base}/console/keys`);
    expect(await page.locator('body').innerText()).not.toContain(key);
    expect(await page.getByRole('textbox', { name: w.keys.created }).count()).toBe(0);
    await context.close();
  });

  it('refuses an auditor the dashboard with a 403 page, and opens the audit trail for them', async () => {
    const { context, page } = await signedIn('auditor');
    const refused = await page.goto(`${base}/console/dashboard`);
    expect(refused?.status()).toBe(403);
    await visit(page, SUITE, '6-auditor-403');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Not allowed');
    const audit = await page.goto(`${base}/console/audit`);
    expect(audit?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(w.audit.title);
    await context.close();
  });

  it('renders the dashboard charts, each with a title, a description and its numbers as a table', async () => {
    const { context, page } = await signedIn('officer');
    await page.goto(`${base}/console/dashboard`);
    for (const name of [w.dashboard.byStatus, w.dashboard.byDaysLeft, w.dashboard.weekly]) {
      await expect.poll(() => page.getByRole('img', { name: new RegExp(`^${name}`) }).count()).toBe(1);
      const figure = page.getByRole('figure', { name });
      await figure.getByText(w.dashboard.table).click();
      expect(await figure.getByRole('table').isVisible()).toBe(true);
    }
    expect(await page.getByText(/^No request is overdue|requests? (is|are) overdue/).count()).toBe(1);
    await visit(page, SUITE, '7-dashboard');
    await context.close();
  });

  it('records an incident through the form and shows its 72-hour clock; a wrong field is said beside it', async () => {
    const { context, page } = await signedIn('officer');
    await page.goto(`${base}/console/registers`);
    await visit(page, SUITE, '8-registers');
    await page.getByRole('link', { name: w.registers.record.incident }).click();
    await visit(page, SUITE, '9-incident-form');
    const f = w.registers.fields;
    await page.getByRole('textbox', { name: f['description']! }).fill('A laptop with a billing export was stolen');
    await page.getByRole('textbox', { name: f['dataCategories']! }).fill('billing');
    await page.getByRole('spinbutton', { name: f['approxPeople']! }).fill('120');
    await page.getByRole('spinbutton', { name: f['approxRecords']! }).fill('300');
    await page.getByRole('combobox', { name: f['risk']! }).selectOption('risk');
    await page.getByRole('textbox', { name: f['laws']! }).fill('gdpr');
    // Left empty: the registers refuse it, and the page says so beside the field, keeping what was typed.
    await page.getByRole('button', { name: w.registers.submit }).click();
    expect(await page.getByRole('textbox', { name: f['description']! }).inputValue()).toBe('A laptop with a billing export was stolen');
    expect(await page.locator('[aria-invalid=true]').count()).toBe(1);
    await visit(page, SUITE, '10-incident-refused');
    const detected = new Date(world.clock.now().getTime() - 2 * 3_600_000).toISOString().slice(0, 16);
    await page.locator('[aria-invalid=true]').fill(detected);
    await page.getByRole('button', { name: w.registers.submit }).click();
    await page.waitForURL(/done=recorded/);
    const text = await visit(page, SUITE, '11-incident');
    expect(text).toContain(w.registers.hoursLeft(70));
    expect(text).toContain('GDPR art. 33');
    await context.close();
  });
});
