// Jest transformer: Angular and its peers ship ES modules only (.mjs); jest's module system is
// CommonJS, so esbuild rewrites them to CommonJS on the fly (cached by jest like any transform).
const { transformSync } = require('esbuild');

module.exports = {
  process(source, path) {
    const { code, map } = transformSync(source, { format: 'cjs', target: 'es2022', sourcemap: true, loader: 'js' });
    return { code, map };
  },
};
