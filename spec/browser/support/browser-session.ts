import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { PageErrors } from './page-errors';
import { WAIT_LIMIT_MS } from './wait-limit';

/** One Chromium for the spec file (jest hooks); the getter is valid inside tests. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('Chromium is not running: useChromium() registers beforeAll');
    return browser;
  };
}

/** A page in its own browser context (fresh storage), watched for errors. */
export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  errors: PageErrors;
  /** Closes the context; resolves with every error the page had. */
  close(): Promise<string[]>;
}

export async function openPage(browser: Browser, url: string): Promise<OpenedPage> {
  const context = await browser.newContext();
  context.setDefaultTimeout(WAIT_LIMIT_MS);
  const errors = await PageErrors.watch(context);
  const page = await context.newPage();
  await page.goto(url);
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      return errors.errors;
    },
  };
}
