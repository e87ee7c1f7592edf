// Debian's chromium as the browser tests and `npm run screenshots` launch it (a module without the test runner, so a
// plain script can import it).

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
/** `/usr/bin/chromium`, or CUSTOS_CHROMIUM. */
export const CHROMIUM_PATH = process.env['CUSTOS_CHROMIUM'] ?? '/usr/bin/chromium';
