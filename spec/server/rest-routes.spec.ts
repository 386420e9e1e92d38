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
      body: { error: 'value must be an integer increment' },
    });
    expect(await call('GET', '/records?startKey=a')).toEqual({ status: 400, body: { error: 'endKey is required' } });
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
});
