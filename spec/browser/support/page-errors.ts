import { type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

/**
 * Lines Chromium itself writes to the console when a socket or a fetch fails (refused, blocked,
 * an error status, a server restarting: `net::ERR_CONNECTION_REFUSED` and the like). Fault
 * specs cause them on purpose, at moments that vary with load; they are the browser's network
 * log, never the page's code, whose failures the specs see through the page itself.
 */
const BROWSER_NETWORK_LOG = [
  /^WebSocket connection to '.*' failed/,
  /^Failed to load resource: /,
  /^Access to fetch at '.*' from origin '.*' has been blocked by CORS policy/,
];

/**
 * Everything that would be a red line in the page's console: uncaught errors, unhandled
 * rejections (reported by an init script, as Chromium does not always raise them as page
 * errors) and `console.error` calls.
 */
export class PageErrors {
  readonly errors: string[] = [];

  static async watch(context: BrowserContext): Promise<PageErrors> {
    const collected = new PageErrors();
    await context.addInitScript(() => {
      addEventListener('unhandledrejection', (event) => {
        const reason: unknown = event.reason;
        console.error(`Unhandled rejection: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
      });
    });
    context.on('page', (page) => collected.attach(page));
    return collected;
  }

  attach(page: Page): void {
    page.on('pageerror', (error) => this.errors.push(`Uncaught: ${error.name}: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (!BROWSER_NETWORK_LOG.some((pattern) => pattern.test(text))) this.errors.push(text);
    });
  }
}
