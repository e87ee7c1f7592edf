// The console's retention page in a real browser (chromium), in English and in French: the next sweep's plan per rule
// and collection, the 52-week forecast chart (named, described, its numbers in a table), the past sweeps read from the
// audit trail; an auditor refused it. axe-core checks every page; each is saved at desktop and phone widths under
// test/.artifacts/retention/; the French page holds no English string of the message tables.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorPool } from '../../src/connectors/index.js';
import { runRetention } from '../../src/retention/index.js';
import { PASSWORD } from '../../src/server/testing.test-support.js';
import { webMessagesFor } from '../../src/web/messages/index.js';
import { oversightWordsFor } from '../../src/web/console/words/index.js';
import type { StaffRole } from '../../src/workflow/index.js';
import { deskWorld, type DeskWorld } from '../desk/world.js';
import { newContext, serveForBrowser, storeStaff, visit } from './browser.test-support.js';

const SUITE = 'retention';
const [en, fr] = [oversightWordsFor('en'), oversightWordsFor('fr')];

let world: DeskWorld;
let browser: Browser;
let served: Awaited<ReturnType<typeof serveForBrowser>>;
let base: string;

beforeAll(async () => {
  world = await deskWorld('retention', 12);
  const { directory, sessions } = await storeStaff(world);
  // One sweep a year before the page's instant, so the history has reports and the plan counts what a year brought.
  const pool = createConnectorPool(world.model);
  try {
    await runRetention(world.model, pool, world.store, {
      now: new Date(world.clock.now().getTime() - 365 * 86_400_000),
      sweepId: 'sweep-last-year',
    });
  } finally {
    await pool.close();
  }
  served = await serveForBrowser(world, { directory, sessions, rateLimit: false, secureCookies: false, diagnostics: [] });
  ({ base, browser } = served);
}, 120_000);
afterAll(async () => {
  await served?.close();
  await world?.cleanup();
});

async function signedIn(role: StaffRole, locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, locale);
  const response = await context.request.post(`${base}/api/staff/login`, { data: { email: `${role}@nimbus.example`, password: PASSWORD } });
  expect(response.status()).toBe(200);
  return { context, page: await context.newPage() };
}

/** The plan's rows, the forecast's figure and the history, checked alike in each language. */
async function checkPage(page: Page, w: typeof en): Promise<void> {
  const r = w.retention;
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(r.title);
  // The plan: a row per rule and collection, the satisfaction surveys anonymised, the analytics visits deleted.
  const plan = page.getByRole('table').first();
  const surveys = plan.getByRole('row', { name: /accounts\.satisfaction_surveys/ });
  expect(await surveys.getByRole('cell', { name: r.actions.anonymise }).count()).toBe(1);
  const visits = plan.getByRole('row', { name: /telemetry\.analytics_visits/ });
  expect(await visits.getByRole('cell', { name: r.actions.delete }).count()).toBe(1);
  // The forecast: an image named by its title and described, and a table of 52 weeks behind its summary.
  const chart = page.getByRole('img', { name: new RegExp(`^${r.forecastHeading}`) });
  expect(await chart.count()).toBe(1);
  const figure = page.getByRole('figure', { name: r.forecastHeading });
  await figure.getByText(r.table).click();
  const weeks = figure.getByRole('table').getByRole('row');
  expect(await weeks.count()).toBe(53);
  expect(await figure.getByRole('columnheader', { name: r.total }).count()).toBe(1);
  // Past sweeps: the audit trail's reports of last year's sweep, one per rule and collection.
  const history = page.getByRole('table').last();
  expect(await history.getByRole('row', { name: /telemetry\.analytics_visits/ }).count()).toBe(1);
  expect(await history.getByRole('cell', { name: r.statuses.done }).count()).toBeGreaterThan(1);
}

describe('the console retention page', () => {
  it('shows the next sweep, the 52-week forecast and the past sweeps in English', async () => {
    const { context, page } = await signedIn('officer', 'en-GB');
    await page.goto(`${base}/console`);
    await page
      .getByRole('navigation', { name: webMessagesFor('en').console.layout.navigation })
      .getByRole('link', { name: 'Retention' })
      .click();
    await page.waitForURL(/\/console\/retention/);
    await checkPage(page, en);
    const text = await visit(page, SUITE, '1-retention-en');
    expect(text).toContain(en.retention.planHeading);
    await context.close();
  }, 120_000);

  it('shows the same page in French, with no English string of the message tables', async () => {
    const { context, page } = await signedIn('analyst', 'fr-FR');
    await page.goto(`${base}/console/retention?lang=fr`);
    await checkPage(page, fr);
    await visit(page, SUITE, '2-retention-fr');
    // The page's words, without the manifest's names (rules, collections, fields: code) and who is signed in.
    const text = await page.evaluate(() => {
      const body = document.body.cloneNode(true) as HTMLElement;
      body.querySelectorAll('code, .who span').forEach((name) => name.remove());
      return body.innerText;
    });
    const english = englishOnly([en, webMessagesFor('en').console], [fr, webMessagesFor('fr').console]);
    const found = (phrase: string) => new RegExp(`(?<!\\p{L})${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u').test(text);
    expect(english.filter(found)).toEqual([]);
    await context.close();
  }, 120_000);

  it('refuses the page to an auditor, and leaves its link out of their navigation', async () => {
    const { context, page } = await signedIn('auditor', 'en-GB');
    const refused = await page.goto(`${base}/console/retention`);
    expect(refused?.status()).toBe(403);
    await page.goto(`${base}/console/audit`);
    expect(await page.getByRole('link', { name: 'Retention' }).count()).toBe(0);
    await context.close();
  }, 60_000);
});

/** Every string of the English tables (functions called with a marker) that the French tables do not also have. */
function englishOnly(english: readonly unknown[], french: readonly unknown[]): string[] {
  const strings = (table: unknown): string[] => {
    if (typeof table === 'string') return [table];
    if (typeof table === 'function') return String((table as (...x: unknown[]) => unknown)('\u0000', '\u0000', '\u0000')).split('\u0000');
    if (typeof table === 'object' && table !== null) return Object.values(table).flatMap(strings);
    return [];
  };
  const inFrench = new Set(french.flatMap(strings).map((s) => s.trim()));
  return [...new Set(english.flatMap(strings))].map((s) => s.trim()).filter((s) => s.length > 3 && !inFrench.has(s));
}
