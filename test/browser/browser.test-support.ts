// The browser tests' harness: Debian's chromium through playwright-core, axe-core on every page, screenshots of each.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** The flags DEVELOPERS.md documents: headless, no sandbox (containers), nothing fetched in the background. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
export const CHROMIUM_PATH = process.env['CUSTOS_CHROMIUM'] ?? '/usr/bin/chromium';
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
