import { once } from 'node:events';
import type WebSocket from 'ws';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { RawClient } from '../support/raw-client';

/**
 * The client heartbeat (issue 11) sends WebSocket ping frames and counts on a pong: hpkv-local
 * must answer them, as HPKV's servers do, without costing a request or a rate-limit slot.
 */
describe('hpkv-local answers WebSocket pings', () => {
  let server: LocalServer;
  let client: RawClient;

  beforeEach(async () => {
    server = await startLocalServer({ port: 0, rateLimit: 1 });
    client = await RawClient.open(server.baseUrl, { apiKey: server.apiKey });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  const ping = async (ws: WebSocket, payload: string): Promise<string> => {
    const pong = once(ws, 'pong');
    ws.ping(payload);
    const [data] = (await pong) as [Buffer];
    return data.toString();
  };

  it('answers a ping with a pong carrying the same payload', async () => {
    expect(await ping(client.ws, 'heartbeat-1')).toBe('heartbeat-1');
    expect(await ping(client.ws, '')).toBe('');
  });

  it('answers pings without spending the rate limit, and sends no other frame for them', async () => {
    for (let i = 0; i < 5; i++) expect(await ping(client.ws, `p${i}`)).toBe(`p${i}`);
    // rateLimit is 1 request/s: had the pings counted, this request would be a 429.
    expect(await client.request({ op: 2, key: 'after-pings', value: 'v' })).toMatchObject({ code: 200 });
    expect(client.buffered).toEqual([]);
  });

  it('answers pings while replies are paused: a busy server is not a dead one', async () => {
    server.pauseReplies();
    const reply = client.request({ op: 1, key: 'held' });
    expect(await ping(client.ws, 'while-paused')).toBe('while-paused');
    server.resumeReplies();
    expect(await reply).toMatchObject({ code: 404 });
  });
});
