import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer, type LocalServer } from '../../lib/server';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http rather than fetch: the spec must set `Host`, which fetch does not allow. */
function ask(server: LocalServer, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString() }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

const FILES = {
  'index.html': '<!doctype html><title>console</title>',
  'console.js': 'console.log("console")',
  'console.css': 'body{}',
  'console.js.map': '{}',
};

describe('the console route of hpkv-local (real HTTP)', () => {
  let dir: string;
  let server: LocalServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hpkv-console-files-'));
    for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
    await writeFile(join(dir, '.secret.js'), 'hidden');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  afterEach(() => server?.close());

  describe('on a loopback server', () => {
    beforeEach(async () => {
      server = await startLocalServer({ consoleDir: dir });
    });

    it.each([
      ['/console/', 'index.html', 'text/html; charset=utf-8'],
      ['/console/index.html', 'index.html', 'text/html; charset=utf-8'],
      ['/console/console.js', 'console.js', 'text/javascript; charset=utf-8'],
      ['/console/console.css', 'console.css', 'text/css; charset=utf-8'],
      ['/console/console.js.map', 'console.js.map', 'application/json; charset=utf-8'],
    ] as const)('serves %s with its content type', async (path, file, type) => {
      const answer = await ask(server, path);
      expect(answer).toMatchObject({ status: 200, body: FILES[file] });
      expect(answer.headers).toMatchObject({
        'content-type': type,
        'content-length': String(FILES[file].length),
        'x-content-type-options': 'nosniff',
        'content-security-policy': expect.stringContaining("connect-src 'self'"),
      });
    });

    it('redirects / and /console to /console/', async () => {
      for (const path of ['/', '/console']) expect(await ask(server, path)).toMatchObject({ status: 302, headers: { location: '/console/' } });
    });

    it('answers HEAD without a body, and other methods with 405', async () => {
      expect(await ask(server, '/console/console.js', { method: 'HEAD' })).toMatchObject({ status: 200, body: '', headers: { 'content-length': String(FILES['console.js'].length) } });
      expect(await ask(server, '/console/', { method: 'POST' })).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD' } });
    });

    it.each(['/console/missing.js', '/console/..%2Fpackage.json', '/console/%2Fetc%2Fpasswd', '/console/.secret.js', '/console/a/console.js', '/console/notes.txt'])(
      'serves nothing outside its plain files: %s is 404',
      async (path) => {
        const answer = await ask(server, path);
        expect(answer.status).toBe(404);
        expect(answer.body).not.toContain('hidden');
        expect(answer.body).not.toContain('"name"');
      },
    );

    it('resolves dot segments before routing: /console/../../package.json is not the console\'s', async () => {
      expect(await ask(server, '/console/../../package.json')).toMatchObject({ status: 404, body: expect.stringContaining('No route for GET /package.json') });
    });

    it('leaves the REST API and WebSocket routes alone', async () => {
      expect(await ask(server, '/ping')).toMatchObject({ status: 200 });
      expect(await ask(server, '/record/k')).toMatchObject({ status: 401 });
    });

    it('hands the API key to a same-origin request from this machine, uncached', async () => {
      const answer = await ask(server, '/console/api-key', { headers: { 'sec-fetch-site': 'same-origin' } });
      expect(answer).toMatchObject({ status: 200, headers: { 'cache-control': 'no-store' } });
      expect(JSON.parse(answer.body)).toEqual({ apiKey: server.apiKey });
    });

    it.each([
      ['a page loaded under another name (DNS rebinding)', { host: 'evil.example' }],
      ['a cross-origin fetch', { origin: 'http://evil.example' }],
      ['a cross-site request', { 'sec-fetch-site': 'cross-site' }],
    ])('refuses the API key to %s', async (_, headers) => {
      const answer = await ask(server, '/console/api-key', { headers });
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain(server.apiKey);
      expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining('enter the API key') });
    });
  });

  it('refuses the API key when it listens on every interface, even to this machine', async () => {
    server = await startLocalServer({ consoleDir: dir, host: '0.0.0.0' });
    const answer = await ask(server, '/console/api-key');
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({ error: 'hpkv-local listens on 0.0.0.0, which other machines may reach: enter the API key' });
    expect((await ask(server, '/console/')).status).toBe(200);
  });

  it('says how to build the console when its folder is empty', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'hpkv-console-empty-'));
    try {
      server = await startLocalServer({ consoleDir: empty });
      const answer = await ask(server, '/console/');
      expect(answer).toMatchObject({ status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
      expect(answer.body).toContain('npm run build:console');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('is not there without consoleDir (startLocalServer) ', async () => {
    server = await startLocalServer();
    expect((await ask(server, '/console/')).status).toBe(404);
    expect((await ask(server, '/console/api-key')).body).not.toContain(server.apiKey);
  });
});
