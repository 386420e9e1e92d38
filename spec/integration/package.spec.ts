import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

/** A round trip through the installed package: start its server, set and get through its client. */
const ROUND_TRIP = `
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
 * `npm pack`, installed into a separate folder, used as a user would: require (CommonJS),
 * import (ESM), type-checked imports, and `npx hpkv-local`.
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
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', tarball], { cwd: app, maxBuffer: 1 << 24 });
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('works with require (CommonJS)', async () => {
    const script = `(async () => {
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
      ${ROUND_TRIP}`;
    await writeFile(join(app, 'check.mjs'), script);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: app });
    expect(stdout.trim()).toBe('ok function');
  });

  it('ships types for every entry point', async () => {
    await writeFile(
      join(app, 'check.ts'),
      `import { HPKVClientFactory, type HPKVGetResponse, ConnectionError } from 'hpkv-rx';
       import { startLocalServer, type LocalServer } from 'hpkv-rx/server';
       import { createTestBackend } from 'hpkv-rx/testing';
       export async function check(): Promise<string> {
         const server: LocalServer = await startLocalServer();
         const client = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl);
         const reply: HPKVGetResponse = await client.get('k');
         const backend = createTestBackend();
         return String(reply.value) + String(new ConnectionError('x').outcomeUnknown) + backend.baseUrl;
       }`,
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), 'check.ts'];
    await expect(run(process.execPath, [tsc, ...args], { cwd: app })).resolves.toBeDefined();
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
