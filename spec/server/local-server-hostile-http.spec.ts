import { startLocalServer, type LocalServer } from '../../lib/server';
import { jsonBody, rawHttp } from '../support/raw-http';

const UPGRADE_HEADERS =
  'Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

/**
 * Malformed HTTP over a raw socket: whatever arrives, the server answers (or refuses) and keeps
 * serving. Each case ends by asking `/ping` again on a new connection.
 */
describe('startLocalServer against malformed HTTP', () => {
  let server: LocalServer;
  const ping = (): Promise<number> => rawHttp(server.port, 'GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n').then((a) => a.status);

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
  });
  afterEach(() => server.close());

  it.each([
    ['a request target that is a path to nowhere', 404, 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['an absolute-form target with a broken host', 400, 'GET http://[/record/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['an upgrade to a target that is not a URL', 400, `GET http://[/ws HTTP/1.1\r\n${UPGRADE_HEADERS}`],
    ['an upgrade to //[', 404, `GET //[ HTTP/1.1\r\n${UPGRADE_HEADERS}`],
    ['an upgrade without a Sec-WebSocket-Key', 400, `GET /ws?apiKey=local-dev-key HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`],
    ['a request line of garbage', 400, '\u0000\u0001\u0002 nonsense\r\n\r\n'],
    ['a header without a colon', 400, 'GET /ping HTTP/1.1\r\nHost x\r\n\r\n'],
    ['headers over the size limit', 431, `GET /ping HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
    ['a Content-Length that is not a number', 400, 'POST /record HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n'],
  ])('answers %s with %i and keeps serving', async (_name, status, bytes) => {
    expect((await rawHttp(server.port, bytes)).status).toBe(status);
    expect(await ping()).toBe(200);
  });

  it('says why it refused a request target it cannot read', async () => {
    const answer = await rawHttp(server.port, 'GET http://[/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(jsonBody(answer.text)).toEqual({ error: 'The request target "http://[/ping" is not a valid URL path' });
  });

  it('routes an absolute-form target (as proxies send it) like its path', async () => {
    expect((await rawHttp(server.port, 'GET http://example.test/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).toBe(200);
  });

  it('survives a body cut off mid-way', async () => {
    const body = '{"key":"a","value":"';
    const answer = await rawHttp(
      server.port,
      `POST /record HTTP/1.1\r\nHost: x\r\nx-api-key: ${server.apiKey}\r\nContent-Length: 1000\r\n\r\n${body}`,
    );
    expect([0, 400]).toContain(answer.status);
    expect(await ping()).toBe(200);
    expect(server.engine.store.get('a')).toBeUndefined();
  });

  it('survives a chunked body with a broken chunk size', async () => {
    const answer = await rawHttp(
      server.port,
      `POST /record HTTP/1.1\r\nHost: x\r\nx-api-key: ${server.apiKey}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    );
    expect(answer.status).toBe(400);
    expect(await ping()).toBe(200);
  });

  it('answers a target that is not a URL with 400 when the console is served too', async () => {
    const withConsole = await startLocalServer({ port: 0, consoleDir: __dirname });
    try {
      expect((await rawHttp(withConsole.port, 'GET http://[/console/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).toBe(400);
      expect((await rawHttp(withConsole.port, 'GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).toBe(200);
    } finally {
      await withConsole.close();
    }
  });
});
