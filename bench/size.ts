/**
 * `npm run size`: the browser bundle of hpkv-rx (esbuild, minified, rxjs excluded as a peer the
 * app already has) against the official SDK bundled the same way.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

async function measure(entry: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, external: ['rxjs'], logLevel: 'silent' });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code).length };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const ours = await measure(resolve(__dirname, '../lib/client/index.ts'));
  const official = await measure(require.resolve('@hpkv/websocket-client'));
  console.log('browser bundle (esbuild --bundle --minify --platform=browser, rxjs external)');
  console.log(`  hpkv-rx                 ${kb(ours.minified)} minified, ${kb(ours.gzipped)} gzipped`);
  console.log(`  @hpkv/websocket-client  ${kb(official.minified)} minified, ${kb(official.gzipped)} gzipped`);
}

void main();
