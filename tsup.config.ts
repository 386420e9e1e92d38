import { defineConfig } from 'tsup';
import manifest from './package.json';

/**
 * The public entry points are listed once, in package.json `exports`: `hpkv-rx` is built from
 * lib/client, every `hpkv-rx/<name>` from lib/<name>/index.ts into dist/<name>.*. Adding one
 * (say `./angular`) is its `exports` block plus its `typesVersions` line (for moduleResolution
 * node10); spec/integration/package.spec.ts loads and type-checks every entry listed there.
 */
const entry = Object.fromEntries(
  Object.keys(manifest.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => (subpath === '.' ? ['index', 'lib/client/index.ts'] : [subpath.slice(2), `lib/${subpath.slice(2)}/index.ts`])),
);

// One bundle per public entry, ESM (.mjs) and CommonJS (.js) side by side, with .d.ts.
// Shared code (lib/protocol) is split into common chunks so `hpkv-rx` and `hpkv-rx/testing`
// share one copy of each class and `instanceof` works across entries. rxjs (a peer) and the
// runtime dependencies stay external: the app's rxjs is the one we use.
export default defineConfig([
  {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    outDir: 'dist',
    // sorted-btree is CommonJS with a `default` export: bundling it lets esbuild do the interop
    // for both formats (a bare ESM import of it would get the module object, not the class).
    noExternal: ['sorted-btree'],
    // With splitting, tsup turns the CommonJS chunks into CommonJS with sucrase, which also
    // rewrites every `?.` and `??` into a helper call that allocates an array and closures (on
    // the per-frame path, too); tree-shaking hands the job to rollup, which keeps them native.
    treeshake: true,
    // hpkv-rx/angular imports the client's types by package name: its .d.ts must refer to hpkv-rx's.
    external: ['hpkv-rx'],
  },
  {
    entry: { cli: 'lib/server/cli.ts' },
    format: ['cjs'],
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
    outDir: 'dist',
  },
]);
