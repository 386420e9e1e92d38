import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian, Ubuntu and Google install it; `CHROME_PATH` wins. */
const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Headless, as root (no sandbox), and quiet on the network: without the background-networking
 * flags Chromium keeps dialling Google's services, which a closed CI network refuses. Playwright
 * gives every launch a fresh temporary profile (`--user-data-dir`).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to drive: `CHROME_PATH`, else the system's. Throws saying how to get one. */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const found = SYSTEM_PATHS.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      'No Chromium found for the browser specs: install it (Debian/Ubuntu: apt-get install chromium) ' +
        'or set CHROME_PATH to a Chrome or Chromium executable (see README, "Browser tests").',
    );
  }
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
}
