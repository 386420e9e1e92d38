import { startLocalServer, type LocalServer } from '../../lib/server';
import { RawClient } from '../support/raw-client';

describe('REST routes', () => {
  let server: LocalServer;
  const call = async (method: string, path: string, body?: unknown, apiKey?: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey ?? server.apiKey },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  beforeEach(async () => {
    server = await startLocalServer();
  });
  afterEach(() => server.close());

  it('answers GET /ping without a key', async () => {
    const response = await fetch(`${server.baseUrl}/ping`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('needs x-api-key on every record route', async () => {
    expect(await call('GET', '/record/a', undefined, 'wrong')).toEqual({ status: 401, body: { error: 'Invalid or missing x-api-key header' } });
  });

  it('writes, reads, patches, ranges, increments and deletes', async () => {
    expect(await call('POST', '/record', { key: 'a', value: '{"x":1}' })).toMatchObject({ status: 200, body: { success: true } });
    expect(await call('POST', '/record', { key: 'a', value: { y: 2 }, partialUpdate: true })).toMatchObject({ status: 200 });
    expect(await call('GET', '/record/a')).toEqual({ status: 200, body: { key: 'a', value: '{"x":1,"y":2}' } });
    expect(await call('POST', '/record/atomic', { key: 'n', increment: 4 })).toEqual({ status: 200, body: { success: true, result: 4 } });
    expect(await call('GET', '/records?startKey=a&endKey=z&limit=1')).toEqual({
      status: 200,
      body: { records: [{ key: 'a', value: '{"x":1,"y":2}' }], count: 1, truncated: true },
    });
    expect(await call('DELETE', '/record/a')).toMatchObject({ status: 200, body: { success: true } });
    expect(await call('GET', '/record/a')).toEqual({ status: 404, body: { error: 'Record not found' } });
  });

  it('decodes percent-encoded keys in the path', async () => {
    await call('POST', '/record', { key: 'a/b é', value: 'v' });
    expect(await call('GET', `/record/${encodeURIComponent('a/b é')}`)).toEqual({ status: 200, body: { key: 'a/b é', value: 'v' } });
  });

  it('validates bodies as the WebSocket does', async () => {
    expect(await call('POST', '/record', { key: '', value: 'v' })).toEqual({ status: 400, body: { error: 'key must not be empty' } });
    expect(await call('POST', '/record/atomic', { key: 'n', increment: 0.5 })).toEqual({
      status: 400,
      body: { error: 'increment must be an integer increment' },
    });
    expect(await call('GET', '/records?startKey=a')).toEqual({ status: 400, body: { error: 'endKey is required' } });
    expect(await call('GET', '/records?endKey=z')).toEqual({ status: 400, body: { error: 'startKey is required' } });
    expect(await call('GET', '/records?startKey=&endKey=z')).toEqual({ status: 400, body: { error: 'startKey must not be empty' } });
    const response = await fetch(`${server.baseUrl}/record`, { method: 'POST', headers: { 'x-api-key': server.apiKey }, body: '{' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'body is not valid JSON' });
    expect(await call('GET', '/nowhere')).toEqual({ status: 404, body: { error: 'No route for GET /nowhere' } });
  });

  it('notifies WebSocket subscribers of REST writes', async () => {
    const watcher = await RawClient.open(server.baseUrl, { token: server.issueToken({ subscribePatterns: ['r:*'] }) });
    try {
      await call('POST', '/record', { key: 'r:1', value: 'v' });
      await call('DELETE', '/record/r:1');
      expect((await watcher.notifications(2)).map(({ key, value }) => [key, value])).toEqual([
        ['r:1', 'v'],
        ['r:1', null],
      ]);
    } finally {
      await watcher.close();
    }
  });

  it('answers a key with broken percent-encoding with 400, not 500', async () => {
    expect(await call('GET', '/record/%E0%A4%A')).toEqual({
      status: 400,
      body: { error: 'The key in the path is not valid percent-encoding (encode it with encodeURIComponent)' },
    });
    expect(await call('DELETE', '/record/%')).toMatchObject({ status: 400 });
  });

  it.each([
    ['PUT', '/record/a', 'GET, DELETE'],
    ['POST', '/record/a', 'GET, DELETE'],
    ['GET', '/record', 'POST'],
    ['PATCH', '/record/atomic', 'GET, DELETE, POST'],
    ['GET', '/token/websocket', 'POST'],
    ['DELETE', '/records', 'GET'],
    ['POST', '/ping', 'GET'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const response = await fetch(`${server.baseUrl}${path}`, { method, headers: { 'x-api-key': server.apiKey } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(await response.json()).toEqual({ error: `${path} does not answer ${method}: use ${allow}` });
  });

  it('reads GET /record/atomic as the key "atomic"', async () => {
    await call('POST', '/record', { key: 'atomic', value: 'a key like any other' });
    expect(await call('GET', '/record/atomic')).toEqual({ status: 200, body: { key: 'atomic', value: 'a key like any other' } });
  });

  it('sends no CORS headers by default', async () => {
    const response = await fetch(`${server.baseUrl}/ping`, { headers: { origin: 'http://localhost:4200' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.baseUrl}/token/websocket`, { method: 'OPTIONS', headers: { origin: 'http://localhost:4200', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(405);
  });
});

describe('REST routes with cors', () => {
  it.each(['*', 'http://localhost:4200'])('with cors %s: answers preflights and lets a browser app mint tokens and use REST', async (origin) => {
    const server = await startLocalServer({ cors: origin });
    try {
      const preflight = await fetch(`${server.baseUrl}/token/websocket`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:4200', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-api-key' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE');
      expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, x-api-key');
      expect(preflight.headers.get('vary')).toBe(origin === '*' ? null : 'Origin');

      const minted = await fetch(`${server.baseUrl}/token/websocket`, {
        method: 'POST',
        headers: { origin: 'http://localhost:4200', 'content-type': 'application/json', 'x-api-key': server.apiKey },
        body: JSON.stringify({ subscribePatterns: ['a:*'] }),
      });
      expect(minted.status).toBe(200);
      expect(minted.headers.get('access-control-allow-origin')).toBe(origin);
      const denied = await fetch(`${server.baseUrl}/record/a`, { headers: { origin: 'http://localhost:4200' } });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('access-control-allow-origin')).toBe(origin);
    } finally {
      await server.close();
    }
  });

  it.each(['localhost:4200', 'http://localhost:4200/', 'http://localhost:4200/app', ''])('refuses cors %j at start, saying what it takes', async (origin) => {
    await expect(startLocalServer({ cors: origin })).rejects.toThrow(/^cors must be "\*" or an origin such as "http:\/\/localhost:4200"/);
  });
});
