// `npm run screenshots`: the README's pictures of the privacy center and the staff console, taken from the demo.
// Starts `custos start` on a temporary folder and a free port, files a few requests as people would, then drives
// Debian's chromium (DEVELOPERS.md's flags; CUSTOS_CHROMIUM points elsewhere) to /privacy and, signed in as the demo
// officer, to the console's queue; writes docs/images/privacy-center.png and docs/images/console.png at 1280×800.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { nimbusCustomer, nimbusEmail } from '../examples/nimbus-cloud/generator/index.js';
import { webMessagesFor } from '../src/web/index.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../test/browser/chromium.js';

const IMAGES = resolve('docs/images');
/** The README's pictures stay light: a bigger one means the page changed in a way worth a look. */
const MAX_BYTES = 300 * 1024;
const VIEWPORT = { width: 1280, height: 800 };

interface Demo {
  readonly url: string;
  readonly email: string;
  readonly password: string;
  readonly child: ChildProcess;
}

/** `custos start` in a child process; resolves once it prints the console's address and the officer's password. */
function startDemo(dir: string): Promise<Demo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start', '--dir', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`custos start printed no address within 3 minutes:\n${out}`)), 180_000);
    child.once('exit', (code) => fail(new Error(`custos start exited (${code}) before serving:\n${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const console_ = /staff console:\s+(\S+)\/console/.exec(out);
      const officer = /e-mail (\S+)\s+password (\S+)/.exec(out);
      if (console_ && officer) {
        clearTimeout(timer);
        done({ url: console_[1]!, email: officer[1]!, password: officer[2]!, child });
      }
    });
  });
}

/** A few requests filed as people file them, so the queue has something to show (their codes wait in the outbox). */
async function fileRequests(url: string): Promise<void> {
  const kinds = ['access', 'erasure', 'portability', 'access'] as const;
  const jurisdictions = ['gdpr', 'gdpr', 'pipeda', 'quebec'] as const;
  let n = 2;
  for (let i = 0; i < kinds.length; i++, n++) {
    while (nimbusCustomer(n).closure !== 'free') n++;
    const response = await fetch(`${url}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: kinds[i], jurisdiction: jurisdictions[i], identities: { email: [nimbusEmail(n)] } }),
    });
    if (response.status !== 201) throw new Error(`filing a ${kinds[i]} request was answered ${response.status}: ${await response.text()}`);
  }
}

function checkSize(file: string): void {
  const bytes = statSync(file).size;
  if (bytes > MAX_BYTES) throw new Error(`${file} is ${Math.round(bytes / 1024)} KB, over ${MAX_BYTES / 1024} KB`);
  process.stdout.write(`  wrote ${file} (${Math.round(bytes / 1024)} KB)\n`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'custos-screenshots-'));
  let demo: Demo | undefined;
  try {
    demo = await startDemo(dir);
    await fileRequests(demo.url);
    mkdirSync(IMAGES, { recursive: true });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS], headless: true });
    try {
      const page = await (await browser.newContext({ locale: 'en-GB', viewport: VIEWPORT, deviceScaleFactor: 1 })).newPage();
      await page.goto(`${demo.url}/privacy?jurisdiction=gdpr`);
      await page.screenshot({ path: join(IMAGES, 'privacy-center.png') });
      checkSize(join(IMAGES, 'privacy-center.png'));

      const c = webMessagesFor('en').console;
      await page.goto(`${demo.url}/console`);
      await page.getByRole('textbox', { name: c.signIn.email }).fill(demo.email);
      await page.getByLabel(c.signIn.password).fill(demo.password);
      await page.getByRole('button', { name: c.signIn.submit }).click();
      await page.waitForURL(/\/console\/requests/);
      await page.screenshot({ path: join(IMAGES, 'console.png') });
      checkSize(join(IMAGES, 'console.png'));
    } finally {
      await browser.close();
    }
  } finally {
    if (demo && demo.child.exitCode === null) {
      const exited = new Promise((done) => demo!.child.once('exit', done));
      demo.child.kill('SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
