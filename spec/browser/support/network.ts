import { type OpenedPage } from './browser-session';

/**
 * Takes the network away from the page's context (Playwright's offline emulation) and resolves
 * once the page knows: `navigator.onLine` is false and `offline` has fired. What this does to
 * WebSockets in Chromium is pinned by offline-emulation.spec.ts (see README.md here).
 */
export async function goOffline({ context, page }: OpenedPage): Promise<void> {
  await context.setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);
}

/** Gives the network back and resolves once the page knows (`online` has fired). */
export async function goOnline({ context, page }: OpenedPage): Promise<void> {
  await context.setOffline(false);
  await page.waitForFunction(() => navigator.onLine);
}
