import { browserBundle } from '../../bench/size';
import { gzipSync } from 'node:zlib';

/**
 * The client must bundle for browsers with neither `ws` nor any Node built-in: esbuild's browser
 * platform fails to resolve a Node built-in, and the metafile shows every input that made it in.
 */
describe('browser bundle of hpkv-rx', () => {
  it('contains no ws and no Node built-in, and stays small (rxjs excluded)', async () => {
    const result = await browserBundle('./lib/client/index.ts');
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => /node_modules\/ws\/(?!browser\.js)/.test(input))).toEqual([]);
    expect(inputs.filter((input) => input.startsWith('node:') || /^(net|http|https|crypto|stream|events|zlib)$/.test(input))).toEqual([]);
    expect(inputs.some((input) => input.includes('lib/server'))).toBe(false);
    const code = result.outputFiles[0].contents;
    const gzipped = gzipSync(code).length;
    // Generous ceilings that catch an accidental dependency, not a budget (see `npm run size`).
    expect(code.length).toBeLessThan(80_000);
    expect(gzipped).toBeLessThan(25_000);
  });
});
