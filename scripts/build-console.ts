/**
 * Builds the web console hpkv-local serves: lib/console bundled for browsers (rxjs and the
 * client included: the page needs nothing else) plus its static files, into dist/console (or
 * the folder given). `npm run build` and `npm run server` run it; the browser specs build into
 * a temporary folder with `buildConsole(dir)`.
 */
import { build } from 'esbuild';
import { cp, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

export async function buildConsole(outDir = join(ROOT, 'dist/console')): Promise<string> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'lib/console/main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    outfile: join(outDir, 'console.js'),
    logLevel: 'warning',
  });
  await cp(join(ROOT, 'lib/console/public'), outDir, { recursive: true });
  return outDir;
}

if (require.main === module) {
  buildConsole(process.argv[2]).catch((error: unknown) => {
    console.error('build-console:', error);
    process.exit(1);
  });
}
