import { startLocalServer, type LocalServer } from '../../lib/server';
import { RawClient } from '../support/raw-client';

const wsUrl = (server: LocalServer, query: string): string => `${server.baseUrl.replace('http', 'ws')}/ws?${query}`;

describe('startLocalServer over real sockets', () => {
  let server: LocalServer;
  let client: RawClient;
  const open: RawClient[] = [];
  const connect = async (credential: { apiKey: string } | { token: string }): Promise<RawClient> => {
    const raw = await RawClient.open(server.baseUrl, credential);
    open.push(raw);
    return raw;
  };

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
    client = await connect({ apiKey: server.apiKey });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((raw) => raw.close()));
    await server.close();
  });

  describe('operations', () => {
    it('SET then GET returns the value verbatim, echoing messageId', async () => {
      expect(await client.request({ op: 2, key: 'user:1', value: '{"name":"Ada"}' })).toEqual({
        code: 200,
        success: true,
        message: 'Record inserted/updated successfully',
        messageId: 1,
      });
      expect(await client.request({ op: 1, key: 'user:1' })).toEqual({ code: 200, key: 'user:1', value: '{"name":"Ada"}', messageId: 2 });
    });

    it('GET and DELETE of a missing key are 404 "Record not found"', async () => {
      expect(await client.request({ op: 1, key: 'nope' })).toEqual({ code: 404, error: 'Record not found', key: 'nope', messageId: 1 });
      expect(await client.request({ op: 4, key: 'nope' })).toMatchObject({ code: 404, error: 'Record not found' });
    });

    it('DELETE removes the key', async () => {
      await client.request({ op: 2, key: 'k', value: 'v' });
      expect(await client.request({ op: 4, key: 'k' })).toMatchObject({ code: 200, success: true });
      expect(await client.request({ op: 1, key: 'k' })).toMatchObject({ code: 404 });
    });

    it.each([
      ['merges two JSON objects deeply', '{"a":{"b":1},"c":1}', '{"a":{"d":2},"c":null}', '{"a":{"b":1,"d":2}}'],
      ['appends when the stored value is not JSON', 'abc', 'def', 'abcdef'],
      ['replaces when both are JSON but not both objects', '[1]', '{"x":1}', '{"x":1}'],
    ])('PATCH %s', async (_name, stored, patch, expected) => {
      await client.request({ op: 2, key: 'p', value: stored });
      expect(await client.request({ op: 3, key: 'p', value: patch })).toMatchObject({ code: 200, success: true });
      expect((await client.request({ op: 1, key: 'p' })).value).toBe(expected);
    });

    it('PATCH of a missing key creates it', async () => {
      await client.request({ op: 3, key: 'fresh', value: '{"a":1}' });
      expect((await client.request({ op: 1, key: 'fresh' })).value).toBe('{"a":1}');
    });

    it('RANGE is inclusive at both ends, ordered by UTF-8 bytes, with count and truncated', async () => {
      for (const key of ['r:b', 'r:a', 'r:é', 'r:😀', 'r:\uffff', 'r:Z', 's:a']) await client.request({ op: 2, key, value: key });
      const reply = await client.request({ op: 5, key: 'r:a', endKey: 'r:\u{10ffff}' });
      expect(reply).toMatchObject({ code: 200, count: 5, truncated: false });
      expect((reply.records as { key: string }[]).map((record) => record.key)).toEqual(['r:a', 'r:b', 'r:é', 'r:\uffff', 'r:😀']);
      const bounded = await client.request({ op: 5, key: 'r:a', endKey: 'r:b' });
      expect(bounded.records).toEqual([
        { key: 'r:a', value: 'r:a' },
        { key: 'r:b', value: 'r:b' },
      ]);
    });

    it('RANGE limits to 100 by default, clamps to 1000 and reports truncated', async () => {
      for (let i = 0; i < 1005; i++) server.engine.store.set(`n:${String(i).padStart(4, '0')}`, 'x');
      expect(await client.request({ op: 5, key: 'n:', endKey: 'n:~' })).toMatchObject({ count: 100, truncated: true });
      expect(await client.request({ op: 5, key: 'n:', endKey: 'n:~', limit: 5000 })).toMatchObject({ count: 1000, truncated: true });
      const last = await client.request({ op: 5, key: 'n:1000', endKey: 'n:~', limit: 5 });
      expect(last).toMatchObject({ count: 5, truncated: false });
    });

    it('ATOMIC starts at 0, accepts negative increments and stores a decimal string', async () => {
      expect(await client.request({ op: 6, key: 'c', value: 5 })).toEqual({ code: 200, success: true, key: 'c', newValue: 5, messageId: 1 });
      expect(await client.request({ op: 6, key: 'c', value: -7 })).toMatchObject({ newValue: -2 });
      expect((await client.request({ op: 1, key: 'c' })).value).toBe('-2');
    });

    it('ATOMIC on a value that is not an integer is 400', async () => {
      await client.request({ op: 2, key: 'c', value: '1.5' });
      expect(await client.request({ op: 6, key: 'c', value: 1 })).toMatchObject({ code: 400, error: 'stored value is not an integer counter' });
      expect(await client.request({ op: 6, key: 'd', value: 1.5 })).toMatchObject({ code: 400, error: 'value must be an integer increment' });
    });
  });

  describe('bad input never crashes the server or the connection', () => {
    it.each([
      ['frame is not valid JSON', '{"op":1,"key":"a","messageId":7', 7],
      ['frame must be a JSON object', '"just a string"', undefined],
      ['op is required', '{"key":"a","messageId":8}', 8],
      ['unknown op 9: expected 1 (GET) to 6 (ATOMIC)', '{"op":9,"key":"a","messageId":9}', 9],
      ['key is required', '{"op":1,"messageId":10}', 10],
      ['key must not be empty', '{"op":1,"key":"","messageId":11}', 11],
      ['key must be a string', '{"op":1,"key":5,"messageId":12}', 12],
      ['key must be at most 512 bytes', `{"op":1,"key":"${'k'.repeat(513)}","messageId":13}`, 13],
      ['value is required', '{"op":2,"key":"a","messageId":14}', 14],
      ['value must not be empty', '{"op":2,"key":"a","value":"","messageId":15}', 15],
      ['value must be at most 102400 bytes', `{"op":2,"key":"a","value":"${'v'.repeat(102_401)}","messageId":16}`, 16],
      ['limit must be a positive integer', '{"op":5,"key":"a","endKey":"b","limit":0,"messageId":17}', 17],
      ['endKey is required', '{"op":5,"key":"a","messageId":18}', 18],
    ])('400 "%s"', async (error, frame, messageId) => {
      const reply = await client.sendRaw(frame);
      expect(reply).toEqual(messageId === undefined ? { code: 400, error } : { code: 400, error, messageId });
      expect(await client.request({ op: 2, key: 'still', value: 'usable' })).toMatchObject({ code: 200 });
    });

    it('refuses an oversized frame unread, with the messageId when it can be read', async () => {
      const frame = `{"messageId":99,"op":2,"key":"a","value":"${'v'.repeat(200_000)}"}`;
      expect(await client.sendRaw(frame)).toEqual({ code: 400, error: 'frame exceeds 106496 characters', messageId: 99 });
    });

    it('answers a PATCH nested 5,000 levels deep with 400 and why, not 500', async () => {
      await client.request({ op: 2, key: 'doc', value: '{"a":1}' });
      const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      expect(await client.request({ op: 3, key: 'doc', value: deep })).toMatchObject({
        code: 400,
        error: 'value nests deeper than 128 levels: PATCH merges JSON up to 128 levels deep, use SET to store it whole',
      });
      expect(await client.request({ op: 3, key: 'doc', value: '{"b":2}' })).toMatchObject({ code: 200 });
    });

    it('answers a binary frame with 400', async () => {
      client.ws.send(Buffer.from('{"op":1,"key":"a"}'));
      expect(await client.next()).toEqual({ code: 400, error: 'binary frames are not supported: send JSON text' });
    });

    it('forgets a client that vanishes mid-request', async () => {
      const token = server.issueToken({ subscribePatterns: ['*'] });
      const doomed = await connect({ token });
      await server.waitForConnections(2);
      doomed.ws.send(JSON.stringify({ op: 2, key: 'x', value: '1', messageId: 1 }));
      doomed.ws.terminate();
      await server.waitForConnections(1);
      expect(await client.request({ op: 2, key: 'x', value: '2' })).toMatchObject({ code: 200 });
    });
  });

  describe('credentials', () => {
    it('refuses a missing or unknown API key with 401 and a bad token with 403', async () => {
      expect(await RawClient.refusal(wsUrl(server, ''))).toBe(401);
      expect(await RawClient.refusal(wsUrl(server, 'apiKey=wrong'))).toBe(401);
      expect(await RawClient.refusal(wsUrl(server, 'token=forged.token'))).toBe(403);
      expect(await RawClient.refusal(`${server.baseUrl.replace('http', 'ws')}/elsewhere?apiKey=${server.apiKey}`)).toBe(404);
    });

    it('refuses an expired token with 403', async () => {
      let now = 1_000_000;
      const clocked = await startLocalServer({ tokenTtlSeconds: 60, now: () => now });
      try {
        const token = clocked.issueToken({ subscribePatterns: ['*'] });
        const early = await RawClient.open(clocked.baseUrl, { token });
        await early.close();
        now += 60_000;
        expect(await RawClient.refusal(wsUrl(clocked, `token=${encodeURIComponent(token)}`))).toBe(403);
      } finally {
        await clocked.close();
      }
    });

    it.each([
      ['GET', { op: 1, key: 'secret:1' }],
      ['SET', { op: 2, key: 'secret:1', value: 'v' }],
      ['PATCH', { op: 3, key: 'secret:1', value: 'v' }],
      ['DELETE', { op: 4, key: 'secret:1' }],
      ['ATOMIC', { op: 6, key: 'secret:1', value: 1 }],
      ['RANGE (start outside)', { op: 5, key: 'secret:1', endKey: 'public:9' }],
      ['RANGE (end outside)', { op: 5, key: 'public:1', endKey: 'secret:9' }],
    ])('denies %s outside the accessPattern with 403', async (_name, request) => {
      const limited = await connect({ token: server.issueToken({ accessPattern: '^public:' }) });
      expect(await limited.request(request)).toMatchObject({ code: 403, error: 'Access denied: Key does not match allowed pattern' });
      expect(await limited.request({ op: 2, key: 'public:1', value: 'ok' })).toMatchObject({ code: 200 });
    });

    it('issues tokens over HTTP with either field name, and refuses a bad key or body', async () => {
      const post = (body: unknown, apiKey = server.apiKey): Promise<Response> =>
        fetch(`${server.baseUrl}/token/websocket`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
          body: JSON.stringify(body),
        });
      for (const body of [{ subscribePatterns: ['a:*'] }, { subscribeKeys: ['a:1'] }]) {
        const response = await post(body);
        expect(response.status).toBe(200);
        const { token } = (await response.json()) as { token: string };
        const subscriber = await connect({ token });
        await client.request({ op: 2, key: 'a:1', value: 'v' });
        expect(await subscriber.notifications(1)).toMatchObject([{ type: 'notification', key: 'a:1', value: 'v' }]);
      }
      expect((await post({}, 'wrong')).status).toBe(401);
      expect((await post({ subscribePatterns: 'a' })).status).toBe(400);
    });
  });

  describe('notifications', () => {
    it('go to every matching token connection, the writer included, and never to API-key connections', async () => {
      const products = await connect({ token: server.issueToken({ subscribePatterns: ['product:*'] }) });
      const exact = await connect({ token: server.issueToken({ subscribeKeys: ['product:1'] }) });
      const regex = await connect({ token: server.issueToken({ subscribePatterns: ['^order:\\d+$'] }) });

      await products.request({ op: 2, key: 'product:1', value: 'a' });
      await client.request({ op: 3, key: 'product:1', value: 'b' });
      await client.request({ op: 6, key: 'product:2', value: 3 });
      await client.request({ op: 4, key: 'product:1' });
      await client.request({ op: 2, key: 'order:12', value: 'o' });
      await client.request({ op: 2, key: 'order:x', value: 'o' });

      const seen = await products.notifications(4);
      expect(seen.map(({ key, value }) => [key, value])).toEqual([
        ['product:1', 'a'],
        ['product:1', 'ab'],
        ['product:2', '3'],
        ['product:1', null],
      ]);
      expect(typeof seen[0].timestamp).toBe('number');
      expect((await exact.notifications(3)).map(({ value }) => value)).toEqual(['a', 'ab', null]);
      expect(await regex.notifications(1)).toMatchObject([{ key: 'order:12', value: 'o' }]);
      // Frames arrive in order: anything sent to these connections would precede these replies.
      await regex.request({ op: 1, key: 'order:12' });
      await client.request({ op: 1, key: 'order:12' });
      expect(regex.buffered).toEqual([]);
      expect(client.buffered).toEqual([]);
    });

    it('carry the merged value after a PATCH and nothing after a failed write', async () => {
      const watcher = await connect({ token: server.issueToken({ subscribePatterns: ['doc'] }) });
      await client.request({ op: 2, key: 'doc', value: '{"a":1}' });
      await client.request({ op: 3, key: 'doc', value: '{"b":2}' });
      await client.request({ op: 4, key: 'missing' });
      expect((await watcher.notifications(2)).map(({ value }) => value)).toEqual(['{"a":1}', '{"a":1,"b":2}']);
      await watcher.request({ op: 1, key: 'doc' });
      expect(watcher.buffered).toEqual([]);
    });
  });

  describe('rate limit', () => {
    it('answers requests over the per-connection limit with 429 at once', async () => {
      const limited = await startLocalServer({ rateLimit: 5, now: () => 0 });
      const raw = await RawClient.open(limited.baseUrl, { apiKey: limited.apiKey });
      try {
        const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => raw.request({ op: 6, key: 'n', value: 1 + i * 0 })));
        expect(replies.map((reply) => reply.code)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
        expect(replies[7]).toMatchObject({ error: 'Rate limit exceeded', messageId: 8 });
        // Each connection has its own budget.
        const other = await RawClient.open(limited.baseUrl, { apiKey: limited.apiKey });
        expect(await other.request({ op: 1, key: 'n' })).toMatchObject({ code: 200, value: '5' });
        await other.close();
      } finally {
        await raw.close();
        await limited.close();
      }
    });
  });

  describe('fault hooks', () => {
    it('dropConnections cuts every socket and the server keeps serving', async () => {
      const closed = new Promise((resolve) => client.ws.once('close', resolve));
      server.dropConnections();
      expect(await closed).toBe(1006);
      await server.waitForConnections(0);
      const again = await connect({ apiKey: server.apiKey });
      expect(await again.request({ op: 1, key: 'x' })).toMatchObject({ code: 404 });
    });

    it('pauseReplies holds replies in order until resumeReplies, applying the requests', async () => {
      server.pauseReplies();
      const first = client.request({ op: 2, key: 'held', value: '1' });
      const second = client.request({ op: 1, key: 'held' });
      const reader = await connect({ apiKey: server.apiKey });
      await server.waitForConnections(2);
      expect(server.engine.store.get('held')).toBe('1');
      server.resumeReplies();
      expect(await first).toMatchObject({ code: 200, messageId: 1 });
      expect(await second).toMatchObject({ value: '1', messageId: 2 });
      expect(await reader.request({ op: 1, key: 'held' })).toMatchObject({ value: '1' });
    });

    it('refuseUpgrades answers upgrades with the given status until cleared', async () => {
      server.refuseUpgrades(503);
      expect(await RawClient.refusal(wsUrl(server, `apiKey=${server.apiKey}`))).toBe(503);
      server.refuseUpgrades(null);
      await connect({ apiKey: server.apiKey });
      expect(server.connectionCount).toBe(2);
    });

    it('sendRaw sends a frame as is', async () => {
      server.sendRaw('{"code":200,"unexpected":true}');
      expect(await client.next()).toEqual({ code: 200, unexpected: true });
    });
  });
});
