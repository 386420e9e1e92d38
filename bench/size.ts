/**
 * `npm run size`: the browser bundle of hpkv-rx (esbuild, minified, rxjs excluded as a peer the
 * app already has) against the official SDK bundled the same way and as published, printed as
 * the README's table. `npm run size -- --write` also puts the table into README.md (between the
 * `size` markers); spec/integration/readme-bundle-size.spec.ts fails while the two differ.
 */
import { build, type BuildResult } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(__dirname, '..');
export const README = join(ROOT, 'README.md');
const OFFICIAL = '@hpkv/websocket-client';
const START = '<!-- size: `npm run size -- --write` rewrites this table -->';
const END = '<!-- /size -->';

interface Bundle {
  minified: number;
  gzipped: number;
  /** Minified bytes that came from zod. */
  zod: number;
}

/** Bundles an entry (a file or a package name) as an app's browser build would, rxjs left to the app. */
export function browserBundle(entry: string): Promise<BuildResult<{ write: false; metafile: true }>> {
  return build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    external: ['rxjs'],
    logLevel: 'silent',
  });
}

async function measure(entry: string): Promise<Bundle> {
  const result = await browserBundle(entry);
  const code = result.outputFiles[0].contents;
  const [output] = Object.values(result.metafile.outputs);
  const zod = Object.entries(output.inputs)
    .filter(([input]) => input.includes('node_modules/zod/'))
    .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
  return { minified: code.length, gzipped: gzipSync(code).length, zod };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Measures the bundles and returns the README's table (Markdown). */
export async function sizeTable(): Promise<string> {
  const ours = await measure('./lib/client/index.ts');
  const official = await measure(OFFICIAL);
  // The package exports neither its package.json nor its minified build: find them beside its entry.
  const officialDist = join(dirname(require.resolve(OFFICIAL)), '..');
  const { version } = JSON.parse(readFileSync(join(officialDist, '../package.json'), 'utf8')) as { version: string };
  const published = readFileSync(join(officialDist, 'esm/index.min.js'));
  return [
    '| | minified | gzipped |',
    '| --- | ---: | ---: |',
    `| hpkv-rx | ${kb(ours.minified)} | ${kb(ours.gzipped)} |`,
    `| … of which \`zod/mini\` | ${kb(ours.zod)} | |`,
    `| \`${OFFICIAL}\` ${version}, bundled the same way | ${kb(official.minified)} | ${kb(official.gzipped)} |`,
    `| \`${OFFICIAL}\` ${version} as published (\`index.min.js\`) | ${kb(published.length)} | ${kb(gzipSync(published).length)} |`,
  ].join('\n');
}

/** Where the README's table is: the text between its markers. */
function tableBounds(readme: string): [start: number, end: number] {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`README.md has no size table: put one between "${START}" and "${END}".`);
  return [start + START.length, end];
}

/** The README's table as it stands. */
export function readmeSizeTable(readme: string): string {
  return readme.slice(...tableBounds(readme)).trim();
}

async function main(): Promise<void> {
  const table = await sizeTable();
  console.log('browser bundle (esbuild --bundle --minify --platform=browser, rxjs external)\n');
  console.log(table);
  const readme = readFileSync(README, 'utf8');
  const current = readmeSizeTable(readme);
  if (current === table) {
    console.log('\nREADME.md: up to date');
  } else if (process.argv.includes('--write')) {
    const [start, end] = tableBounds(readme);
    writeFileSync(README, `${readme.slice(0, start)}\n${table}\n${readme.slice(end)}`);
    console.log('\nREADME.md: table updated');
  } else {
    console.log('\nREADME.md: differs; `npm run size -- --write` updates it');
  }
}

if (require.main === module) void main();
