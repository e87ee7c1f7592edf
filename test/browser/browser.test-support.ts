// The browser tests' harness: Debian's chromium through playwright-core, axe-core on every page, screenshots of each.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { nimbusCustomer } from '../../examples/nimbus-cloud/generator/index.js';
import {
  buildServer,
  InMemoryStaffDirectory,
  InMemoryStaffSessions,
  storeStaffAccounts,
  type CustosServer,
  type ServerOptions,
} from '../../src/server/index.js';
import { staffFixture } from '../../src/server/testing.test-support.js';
import type { DeskWorld } from '../desk/world.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';

export { CHROMIUM_FLAGS, CHROMIUM_PATH };

export const ARTIFACTS = resolve('test/.artifacts');

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS], headless: true });

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * Checks the page as it stands: axe-core finds no serious or critical violation, and a screenshot at desktop and phone
 * widths goes to `test/.artifacts/<suite>/<step>-<width>.png`. Returns the page's visible text.
 */
export async function visit(page: Page, suite: string, step: string): Promise<string> {
  const results = await new AxeBuilder({ page }).analyze();
  const grave = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(grave.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  const dir = join(ARTIFACTS, suite);
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.screenshot({ path: join(dir, `${step}-${size.name}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
  return page.locator('body').innerText();
}

/** Presses Tab until `target` has the focus (keyboard only: no click, no focus() call); fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((el) => el === document.activeElement, handle)) return;
  }
  throw new Error(`could not reach ${String(target)} with the Tab key`);
}

export const newContext = (browser: Browser, locale: string): Promise<BrowserContext> =>
  browser.newContext({ locale, viewport: { width: 1280, height: 800 }, acceptDownloads: true });

/** The server over a desk world, listening on a free local port, and a browser: what every browser suite starts with. */
export async function serveForBrowser(
  w: DeskWorld,
  options: Partial<ServerOptions> = {},
): Promise<{ server: CustosServer; base: string; browser: Browser; close(): Promise<void> }> {
  const server = await buildServer({
    directory: new InMemoryStaffDirectory(),
    sessions: new InMemoryStaffSessions(),
    desk: w.desk,
    clock: w.clock,
    // A browser loads a page's stylesheet and follows redirects: the limits are raised so a suite never meets them.
    rateLimit: { max: 5000, windowMs: 60_000 },
    publicRateLimit: { max: 500, windowMs: 60_000 },
    ...options,
  });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    server,
    base,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Picks sample customers (numbers 2 to `count`) matching what a test needs, each customer once per suite. */
export function customerPicker(count: number): (match: (p: ReturnType<typeof nimbusCustomer>) => boolean) => number {
  const used = new Set<number>();
  return (match) => {
    for (let n = 2; n <= count; n++)
      if (!used.has(n) && match(nimbusCustomer(n))) {
        used.add(n);
        return n;
      }
    throw new Error('the sample has no such customer left');
  };
}

/**
 * Every string of the English tables (functions called with a marker, split at it) that the French tables do not also
 * have: what a French page must not show. Strings of three letters or fewer are left out (codes, "PDF", "N/A").
 */
export function englishOnly(en: readonly unknown[], fr: readonly unknown[]): string[] {
  const strings = (table: unknown): string[] => {
    if (typeof table === 'string') return [table];
    if (typeof table === 'function') return String((table as (x: unknown) => unknown)('\u0000')).split('\u0000');
    if (typeof table === 'object' && table !== null) return Object.values(table).flatMap(strings);
    return [];
  };
  const french = new Set(fr.flatMap(strings).map((s) => s.trim()));
  return [...new Set(en.flatMap(strings))].map((s) => s.trim()).filter((s) => s.length > 3 && !french.has(s));
}

/** The phrases of `english` that stand in `text` as whole words ("Confirm" is English, "Confirmer" is not). */
export const englishIn = (text: string, english: readonly string[]): string[] =>
  english.filter((phrase) => new RegExp(`(?<!\\p{L})${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u').test(text));

/**
 * The staff fixture's members written to the world's store (TOTP confirmed where the fixture has a secret), and the
 * directory and sessions over that store for `serveForBrowser`.
 */
export async function storeStaff(world: DeskWorld) {
  const fixture = await staffFixture();
  const { directory, sessions } = storeStaffAccounts(world.store, world.vault);
  for (const { totp, ...member } of Object.values(fixture.members)) {
    await world.store.users.create({ ...member, disabled: false, createdAt: world.clock.now() });
    if (totp) await directory.confirmTotp(member.id, totp);
  }
  return { adminTotpSecret: fixture.adminTotpSecret, directory, sessions };
}
