import { build } from 'esbuild';

/**
 * Bundles a page's entry for browsers as a user's bundler would: esbuild, `platform: 'browser'`,
 * hpkv-rx through `lib/client`'s public entry, rxjs included. A Node built-in in the graph fails
 * the build.
 */
export async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
