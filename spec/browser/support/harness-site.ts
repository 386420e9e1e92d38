import { resolve } from 'node:path';
import { bundlePage } from './bundle-page';
import { serveStatic, type StaticServer } from './static-server';

/** The test page's script: hpkv-rx driven through `window.harness`. */
export const HARNESS_ENTRY = resolve(__dirname, '../page/harness.ts');

/**
 * Serves a page running `entry` (bundled as a user's bundler would) from its own origin, apart
 * from hpkv-local's. Another entry (an Angular app, say) is another site, same code.
 */
export async function serveHarnessSite(entry = HARNESS_ENTRY): Promise<StaticServer> {
  return serveStatic({
    '/': {
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><html lang="en"><meta charset="utf-8"><title>hpkv-rx in the browser</title><script type="module" src="/page.js"></script></html>',
    },
    '/page.js': { type: 'text/javascript; charset=utf-8', body: await bundlePage(entry) },
  });
}

/** The harness site for the spec file (jest hooks); the getter is valid inside tests. */
export function useHarnessSite(entry = HARNESS_ENTRY): () => StaticServer {
  let site: StaticServer | undefined;
  beforeAll(async () => {
    site = await serveHarnessSite(entry);
  });
  afterAll(async () => {
    await site?.close();
  });
  return () => {
    if (site === undefined) throw new Error('The harness site is not running: useHarnessSite() registers beforeAll');
    return site;
  };
}
