// The privacy center in a real browser (chromium): a keyboard-only access request to a single download, a closure
// blocked by an unpaid invoice in English and French, and a whole journey in French with no English word on any page.
// axe-core checks every page; each page is saved at desktop and phone widths under test/.artifacts/.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nimbusEmail } from '../../examples/nimbus-cloud/generator/index.js';
import { logCapture } from '../../src/server/testing.test-support.js';
import { webMessagesFor, type WebMessages } from '../../src/web/index.js';
import { deskWorld, eventually, type DeskWorld } from '../desk/world.js';
import { customerPicker, englishIn, englishOnly, newContext, serveForBrowser, tabTo, visit } from './browser.test-support.js';

const CUSTOMERS = 40;
const officer = { role: 'officer', id: 'u_officer' } as const;

let w: DeskWorld;
let browser: Browser;
let base: string;
let served: Awaited<ReturnType<typeof serveForBrowser>>;
const capture = logCapture();

beforeAll(async () => {
  w = await deskWorld('browser', CUSTOMERS);
  served = await serveForBrowser(w, { logger: { stream: capture.stream } });
  ({ base, browser } = served);
}, 120_000);
afterAll(async () => {
  await served?.close();
  await w?.cleanup();
});

const customer = customerPicker(CUSTOMERS);

/** The code the desk queued for the request shown on the page (its reference), read from the store's outbox. */
async function codeFor(page: Page): Promise<{ id: string; code: string }> {
  const id = (await page.locator('code').first().innerText()).trim();
  const message = (await w.messages(id)).filter((m) => m.template === 'verification-code').at(-1);
  return { id, code: message!.params['code']! };
}

/** Fills and sends the request form from the home page, by role and accessible name. */
async function fileRequest(page: Page, t: WebMessages, kind: 'access' | 'account-closure', email: string, suite: string) {
  await page.getByRole('link', { name: t.home.askLink }).click();
  await visit(page, suite, '2-form');
  await page.getByRole('radio', { name: new RegExp(`^${t.kinds[kind].title}`) }).check();
  await page.getByRole('textbox', { name: t.form.email }).fill(email);
  await page.getByRole('button', { name: t.form.submit }).click();
  await page.waitForURL(/\/privacy\/status\//);
}

async function verify(page: Page, t: WebMessages, suite: string): Promise<string> {
  await visit(page, suite, '3-code');
  const { id, code } = await codeFor(page);
  await page.getByRole('textbox', { name: t.status.code }).fill(code);
  await page.getByRole('button', { name: t.status.confirm }).click();
  await page.waitForURL(/done=verified/);
  return id;
}

describe('the privacy center in a browser', () => {
  it('takes an access request made with the keyboard only to one download; the link then refuses', async () => {
    const t = webMessagesFor('en');
    const context = await newContext(browser, 'en-GB');
    const page = await context.newPage();
    await page.goto(`${base}/privacy`);
    expect(await visit(page, 'access', '1-home')).toContain(t.home.title);
    await tabTo(page, page.getByRole('link', { name: t.home.askLink }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/privacy\/request/);

    // Sent empty first: each problem is said beside its field, and what was typed is kept.
    await tabTo(page, page.getByRole('button', { name: t.form.submit }));
    await page.keyboard.press('Enter');
    await page.waitForLoadState();
    const email = page.getByRole('textbox', { name: t.form.email });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#email-error').innerText()).toBe(t.form.problems.required);
    expect(await email.getAttribute('aria-describedby')).toContain('email-error');
    await visit(page, 'access', '2-form-errors');

    await tabTo(page, page.getByRole('radio', { name: new RegExp(`^${t.kinds.access.title}`) }));
    await page.keyboard.press('Space');
    await tabTo(page, email);
    await page.keyboard.type('not-an-address');
    await page.keyboard.press('Enter');
    await page.locator('#email-error', { hasText: t.form.problems.email }).waitFor();
    expect(await page.getByRole('textbox', { name: t.form.email }).inputValue()).toBe('not-an-address');
    expect(await page.getByRole('radio', { name: new RegExp(`^${t.kinds.access.title}`) }).isChecked()).toBe(true);

    const n = customer((p) => p.closure !== 'closed');
    await tabTo(page, page.getByRole('textbox', { name: t.form.email }));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(nimbusEmail(n));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/privacy\/status\//);
    const statusUrl = page.url().split('?')[0]!;
    await visit(page, 'access', '3-code');
    const { id, code } = await codeFor(page);
    await tabTo(page, page.getByRole('textbox', { name: t.status.code }));
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=verified/);
    const verified = await visit(page, 'access', '4-status');
    expect(verified).toContain(t.status.verified);
    const detail = await w.desk.get(id);
    expect(verified).toContain(`${t.status.due}\n`);
    expect(verified).toMatch(new RegExp(detail.deadline.due.slice(0, 4))); // the due day's year, in words

    // The console is not built yet: the desk's own calls approve and run it.
    const worker = w.work();
    if ((await w.desk.get(id)).request.status === 'awaiting-approval') await w.desk.approve(id, officer);
    await eventually(async () => ((await w.desk.get(id)).request.status === 'completed' ? true : undefined));
    worker.stop();
    await page.goto(statusUrl);
    expect(await visit(page, 'access', '5-completed')).toContain(t.status.statuses.completed);

    const link = (await w.messages(id)).find((m) => m.template === 'completed')!.params['downloadUrl']!;
    const token = decodeURIComponent(link.split('/download/')[1]!);
    await page.goto(`${base}/privacy/download/${encodeURIComponent(token)}`);
    const offer = await visit(page, 'access', '6-download');
    expect(offer).toContain(t.download.once('').split(',')[0]!);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t.download.button }).click()]);
    expect(download.suggestedFilename()).toBe(`access-${id}.zip`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    const again = await page.goto(`${base}/privacy/download/${encodeURIComponent(token)}`);
    expect(again!.status()).toBe(410);
    expect(await visit(page, 'access', '7-download-used')).toContain(t.download.goneTitle);
    await context.close();
  }, 120_000);

  it('shows an account closure blocked by an unpaid invoice in English and in French, with a way to ask again', async () => {
    const [en, fr] = [webMessagesFor('en'), webMessagesFor('fr')];
    const context = await newContext(browser, 'en-US');
    const page = await context.newPage();
    const n = customer((p) => p.closure === 'blocked' && p.blockers.unpaidInvoice);
    await page.goto(`${base}/privacy`);
    await fileRequest(page, en, 'account-closure', nimbusEmail(n), 'closure');
    const id = await verify(page, en, 'closure');
    const worker = w.work();
    await w.desk.approve(id, officer);
    await eventually(async () => ((await w.desk.get(id)).request.lastRunFailed ? true : undefined));
    worker.stop();
    const statusUrl = page.url().split('?')[0]!;

    await page.goto(`${statusUrl}?lang=en`);
    const english = await visit(page, 'closure', '4-blocked-en');
    expect(english).toContain(en.status.blockersHeading);
    expect(english).toContain('Every invoice must be paid: at least one is still unpaid.');
    // The next step is the person's, in the number of things left to settle, not "we are carrying out your request".
    expect(english).toContain(en.status.next['settle-blockers']);
    expect(english).not.toContain(en.status.next['in-progress']);
    const listed = await page.getByRole('region', { name: en.status.blockersHeading }).getByRole('listitem').count();
    expect(listed).toBeGreaterThan(0);
    expect(english).toContain(en.status.blockersIntro(listed));

    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(/lang=fr/);
    const french = await visit(page, 'closure', '5-blocked-fr');
    expect(french).toContain(fr.status.blockersHeading);
    expect(french).toContain('Toutes vos factures doivent être réglées\u00a0: au moins une reste impayée.');
    expect(french).toContain(fr.status.next['settle-blockers'].replace(' :', '\u00a0:'));

    // Asked again while still unpaid: the run checks afresh and finds the same blocker.
    await page.getByRole('button', { name: fr.status.askAgain.replace(' :', '\u00a0:') }).click();
    await page.waitForURL(/done=asked-again/);
    expect(await visit(page, 'closure', '6-asked-again')).toContain(fr.status.askedAgain);
    const again = w.work();
    await eventually(async () => {
      const d = await w.desk.get(id);
      return d.request.runs.length === 2 && d.request.lastRunFailed ? true : undefined;
    });
    again.stop();
    expect((await w.desk.get(id)).request.status).toBe('approved');
    await context.close();
  }, 120_000);

  it('walks a whole journey in French with no English words on any page', async () => {
    const [en, fr] = [webMessagesFor('en'), webMessagesFor('fr')];
    const english = englishOnly([en], [fr]);
    const context = await newContext(browser, 'fr-FR');
    const page = await context.newPage();
    const texts: string[] = [];
    await page.goto(`${base}/privacy`);
    texts.push(await visit(page, 'french', '1-home'));
    await page.getByRole('link', { name: fr.home.askLink }).click();
    await page.getByRole('button', { name: fr.form.submit }).click();
    await page.getByRole('alert').waitFor();
    texts.push(await visit(page, 'french', '2-form-errors'));
    const n = customer((p) => p.closure !== 'closed');
    await page.getByRole('radio', { name: new RegExp(`^${fr.kinds.access.title}`) }).check();
    await page.getByRole('textbox', { name: fr.form.email }).fill(nimbusEmail(n));
    await page.getByRole('button', { name: fr.form.submit }).click();
    texts.push(await visit(page, 'french', '3-code'));
    await page.getByRole('textbox', { name: fr.status.code }).fill('000000');
    await page.getByRole('button', { name: fr.status.confirm }).click();
    await page.getByRole('alert').waitFor();
    texts.push(await visit(page, 'french', '4-wrong-code'));
    const id = await verify(page, fr, 'french');
    texts.push(await visit(page, 'french', '5-status'));
    await page.getByRole('button', { name: fr.status.cancel }).click();
    await page.waitForURL(/done=cancelled/);
    texts.push(await visit(page, 'french', '6-cancelled'));
    expect((await w.desk.get(id)).request.status).toBe('cancelled');
    await page.goto(`${base}/privacy/download/not-a-token`);
    texts.push(await visit(page, 'french', '7-download-gone'));
    for (const text of texts) expect(englishIn(text, english)).toEqual([]);
    await context.close();
  }, 120_000);
});
