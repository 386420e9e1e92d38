import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import manifest from '../../package.json';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** The oldest version a peer range (`^a.b.c`, or `^a.b.c || …`) admits. */
const floorOf = (range: string): string => /^\^(\d+\.\d+\.\d+)(?: \|\||$)/.exec(range)![1];

/** The oldest rxjs the peer range admits: the app below pins it, as an app that pins rxjs would. */
const RXJS_FLOOR = floorOf(manifest.peerDependencies.rxjs);

/** The oldest Angular `hpkv-rx/angular` supports (an optional peer): the app pins it too. */
const ANGULAR_FLOOR = floorOf(manifest.peerDependencies['@angular/core']);

/** Every public import path (`hpkv-rx`, `hpkv-rx/server`…), from `exports`: the one list of them. */
const ENTRY_POINTS = Object.keys(manifest.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => posix.join(manifest.name, subpath));

/**
 * Every entry point loads and exports something; then a round trip through the installed
 * package: start its server, set and get through its client.
 */
const ROUND_TRIP = `
  for (const entry of ${JSON.stringify(ENTRY_POINTS)}) {
    if (Object.keys(await load(entry)).length === 0) throw new Error(entry + ' exports nothing');
  }
  const s = await startLocalServer();
  const c = HPKVClientFactory.createApiClient(s.apiKey, s.baseUrl, { throttling: { enabled: false } });
  await c.connect();
  await c.set('pkg', 'ok');
  const { value } = await c.get('pkg');
  c.destroy();
  await s.close();
  console.log(value, typeof createTestBackend);
`;

/**
 * The README's marble test, run by the app with the app's own rxjs. With a second rxjs copy
 * inside hpkv-rx, `TestScheduler.run()` virtualises the app's copy only and the stream records
 * nothing.
 */
const MARBLE_TEST = `
  new TestScheduler((actual, expected) => deepStrictEqual(actual, expected)).run(({ expectObservable }) => {
    const backend = createTestBackend();
    backend.seed({ 'product:1': 'lamp' });
    backend.writes('--a--b', { a: ['product:1', 'desk'], b: ['product:1', null] });
    const client = backend.subscriptionClient({ subscribePatterns: ['product:*'] });
    void client.connect();
    expectObservable(client.live$('product:1'), '^------!').toBe('a-b--c', { a: 'lamp', b: 'desk', c: null });
  });
  console.log('marbles recorded');
`;

/**
 * A consumer that imports every entry point and uses a type from each. The `@ts-expect-error`
 * lines fail if a type is `any`: with skipLibCheck (as apps set it) an import our .d.ts files
 * cannot resolve, rxjs included, silently turns into `any` instead of an error.
 */
const CONSUMER = `
  import { type Observable } from 'rxjs';
  import { HPKVClientFactory, type HPKVGetResponse, ConnectionError } from 'hpkv-rx';
  import { startLocalServer, type LocalServer } from 'hpkv-rx/server';
  import { createTestBackend } from 'hpkv-rx/testing';
  import { HPKV, type HpkvClient } from 'hpkv-rx/angular';
  ${ENTRY_POINTS.map((entry, i) => `import * as entry${i} from '${entry}';`).join('\n')}
  export const entryPoints = [${ENTRY_POINTS.map((_, i) => `entry${i}`).join(', ')}];
  export async function check(): Promise<string> {
    const server: LocalServer = await startLocalServer();
    const client = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl);
    const reply: HPKVGetResponse = await client.get('k');
    // @ts-expect-error get$ emits replies, not numbers
    const notNumbers: Observable<number> = client.get$('k');
    // @ts-expect-error a local server is not a number
    const notAServer: number = server;
    // @ts-expect-error a test backend is not a number
    const notABackend: number = createTestBackend();
    // @ts-expect-error an Angular injection token is not a number
    const notAToken: number = HPKV;
    // @ts-expect-error live$ emits values of hpkv-rx's own types, not numbers
    const notLiveNumbers: Observable<number> = (null as unknown as HpkvClient).live$('k');
    return String(reply.value) + String(new ConnectionError('x').outcomeUnknown) + [notNumbers, notAServer, notABackend, notAToken, notLiveNumbers].length;
  }
`;

/** How apps resolve modules: `node10` (jest, older Angular), `node16` (CommonJS and ESM files), `bundler`. */
const RESOLUTIONS: Array<{ moduleResolution: string; module: string; files: string[] }> = [
  { moduleResolution: 'node10', module: 'commonjs', files: ['consumer.ts'] },
  { moduleResolution: 'node16', module: 'node16', files: ['consumer.cts', 'consumer.mts'] },
  { moduleResolution: 'bundler', module: 'esnext', files: ['consumer.ts'] },
];

/** Type-checks with the project's TypeScript; rejects with tsc's report on any error. */
async function typecheck(cwd: string, args: string[]): Promise<void> {
  await run(process.execPath, [TSC, ...args, '--pretty', 'false'], { cwd }).catch((error: { stdout: string }) => {
    throw new Error(`tsc ${args.join(' ')}\n${error.stdout}`);
  });
}

/**
 * `npm pack`, installed into a separate folder beside the oldest rxjs and Angular we support,
 * used as a user would: require (CommonJS), import (ESM), marble tests, type-checked imports under every
 * module resolution, and `npx hpkv-local`.
 */
describe('the packed package', () => {
  let dir: string;
  let app: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hpkv-pack-'));
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 1 << 24 });
    const tarball = join(dir, stdout.trim().split('\n').pop()!);
    app = join(dir, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    const install = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', tarball, `rxjs@${RXJS_FLOOR}`, `@angular/core@${ANGULAR_FLOOR}`];
    await run('npm', install, { cwd: app, maxBuffer: 1 << 24 });
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('works with require (CommonJS)', async () => {
    const script = `(async () => {
      const load = async (entry) => require(entry);
      const { HPKVClientFactory } = require('hpkv-rx');
      const { startLocalServer } = require('hpkv-rx/server');
      const { createTestBackend } = require('hpkv-rx/testing');
      ${ROUND_TRIP}
    })();`;
    await writeFile(join(app, 'check.cjs'), script);
    const { stdout } = await run(process.execPath, ['check.cjs'], { cwd: app });
    expect(stdout.trim()).toBe('ok function');
  });

  it('works with import (ESM)', async () => {
    const script = `
      import { HPKVClientFactory } from 'hpkv-rx';
      import { startLocalServer } from 'hpkv-rx/server';
      import { createTestBackend } from 'hpkv-rx/testing';
      const load = (entry) => import(entry);
      ${ROUND_TRIP}`;
    await writeFile(join(app, 'check.mjs'), script);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: app });
    expect(stdout.trim()).toBe('ok function');
  });

  it('uses the app’s rxjs and Angular: one copy each, the pinned versions', async () => {
    expect(JSON.parse(await readFile(join(app, 'node_modules/rxjs/package.json'), 'utf8')).version).toBe(RXJS_FLOOR);
    expect(JSON.parse(await readFile(join(app, 'node_modules/@angular/core/package.json'), 'utf8')).version).toBe(ANGULAR_FLOOR);
    expect(existsSync(join(app, 'node_modules/hpkv-rx/node_modules/rxjs'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/hpkv-rx/node_modules/@angular'))).toBe(false);
  });

  it.each([
    ['CommonJS', 'marbles.cjs', `const { deepStrictEqual } = require('node:assert'); const { TestScheduler } = require('rxjs/testing'); const { createTestBackend } = require('hpkv-rx/testing');`],
    ['ESM', 'marbles.mjs', `import { deepStrictEqual } from 'node:assert'; import { TestScheduler } from 'rxjs/testing'; import { createTestBackend } from 'hpkv-rx/testing';`],
  ])('runs a marble test through hpkv-rx/testing on the app’s rxjs (%s)', async (_format, file, imports) => {
    await writeFile(join(app, file), `${imports}\n${MARBLE_TEST}`);
    const { stdout } = await run(process.execPath, [file], { cwd: app });
    expect(stdout.trim()).toBe('marbles recorded');
  });

  it(`ships types for every entry point under moduleResolution ${RESOLUTIONS.map((r) => r.moduleResolution).join(', ')}`, async () => {
    for (const { moduleResolution, module, files } of RESOLUTIONS) {
      const folder = join(app, moduleResolution);
      await mkdir(folder);
      for (const file of files) await writeFile(join(folder, file), CONSUMER);
      // The options `tsc --init` and Angular's new projects start from.
      const compilerOptions = { noEmit: true, strict: true, esModuleInterop: true, skipLibCheck: true, module, moduleResolution, target: 'es2022', types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] };
      await writeFile(join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
    }
    // One build of the three projects: they share the parsing of rxjs, zod and @types/node.
    await typecheck(app, ['--build', ...RESOLUTIONS.map((r) => r.moduleResolution)]);
  }, 60_000);

  it(`compiles the sources against rxjs ${RXJS_FLOOR} and Angular ${ANGULAR_FLOOR}, the floors of the peer ranges (no newer API)`, async () => {
    const rxjs = join(app, 'node_modules/rxjs');
    const angular = join(app, 'node_modules/@angular/core');
    // The project's own settings, with rxjs and @angular/core mapped to the app's copies.
    const tsconfig = {
      extends: join(ROOT, 'tsconfig.json'),
      compilerOptions: {
        noEmit: true,
        paths: {
          rxjs: [rxjs],
          'rxjs/*': [`${rxjs}/*`],
          '@angular/core': [angular],
          '@angular/core/*': [`${angular}/*`],
          'hpkv-rx': [join(ROOT, 'lib/client/index.ts')],
        },
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
      },
      include: [join(ROOT, 'lib')],
    };
    await writeFile(join(dir, 'tsconfig.floor.json'), JSON.stringify(tsconfig));
    await typecheck(dir, ['--project', 'tsconfig.floor.json']);
  }, 60_000);

  it('starts the server with npx hpkv-local', async () => {
    // Its own process group: npx does not forward signals to the server it started.
    const child = spawn('npx', ['--no-install', 'hpkv-local', '--port', '0'], { cwd: app, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    const closed = once(child.stdout, 'close');
    const lines = createInterface({ input: child.stdout });
    const [line] = (await once(lines, 'line')) as [string];
    lines.close();
    expect(line).toMatch(/^hpkv-local listening on http:\/\/127\.0\.0\.1:\d+ \(api key: local-dev-key\)$/);
    const baseUrl = /(http:\S+)/.exec(line)![1];
    expect((await fetch(`${baseUrl}/ping`)).status).toBe(200);
    process.kill(-child.pid!, 'SIGTERM');
    await closed; // every process holding the pipe (npx and the server) has exited
  });
});
