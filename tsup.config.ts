import { defineConfig } from 'tsup';

// One bundle per public entry, ESM (.mjs) and CommonJS (.js) side by side, with .d.ts.
// Shared code (lib/protocol) is split into common chunks so `hpkv-rx` and `hpkv-rx/testing`
// share one copy of each class and `instanceof` works across entries.
export default defineConfig([
  {
    entry: {
      index: 'lib/client/index.ts',
      server: 'lib/server/index.ts',
      testing: 'lib/testing/index.ts',
      angular: 'lib/angular/index.ts',
    },
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
