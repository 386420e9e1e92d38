import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_PENDING_REPLY_BYTES, startLocalServer, type LocalServer } from '../../lib/server';
import { RawClient } from '../support/raw-client';

const VALUE_BYTES = 100 * 1024;
/** One GET reply of the 100 KB value, framed: the most a single handled request can add. */
const ONE_REPLY = VALUE_BYTES + 200;

/** A masked client text frame, as a WebSocket client must send it (mask of zeros: payload as is). */
function clientFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, Buffer.alloc(4), payload]);
}

/** Opens /ws over a raw TCP socket and never reads anything after the handshake. */
async function openNonReader(server: LocalServer): Promise<Socket> {
  const socket = connect(server.port, '127.0.0.1');
  socket.write(
    `GET /ws?apiKey=${server.apiKey} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.pause();
  return socket;
}

/**
 * A client that pipelines 2,000 GETs of a 100 KB value and never reads: the server stops
 * reading its requests once a bounded amount of replies waits, keeps serving everyone else, and
 * forgets it all when the client goes.
 */
describe('startLocalServer toward a client that never reads', () => {
  let server: LocalServer;

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
    server.engine.store.set('big', 'v'.repeat(VALUE_BYTES));
  });
  afterEach(() => server.close());

  it('holds at most MAX_PENDING_REPLY_BYTES plus one reply for it, serves others, and frees everything on close', async () => {
    const slow = await openNonReader(server);
    await server.waitForConnections(1);
    const requests = Array.from({ length: 2000 }, (_, i) => clientFrame(`{"op":1,"key":"big","messageId":${i + 1}}`));
    slow.write(Buffer.concat(requests));

    await server.waitForConnectionStats(([stats]) => stats?.readingPaused === true && stats.waitingRequests > 0);
    const [paused] = server.connectionStats();
    expect(paused.bufferedBytes).toBeLessThanOrEqual(MAX_PENDING_REPLY_BYTES + ONE_REPLY);
    expect(paused.waitingRequests).toBeGreaterThan(0);

    const other = await RawClient.open(server.baseUrl, { apiKey: server.apiKey });
    expect(await other.request({ op: 2, key: 'k', value: 'v' })).toMatchObject({ code: 200 });
    expect(await other.request({ op: 1, key: 'big' })).toMatchObject({ code: 200, value: 'v'.repeat(VALUE_BYTES) });
    const [slowStats] = server.connectionStats();
    expect(slowStats.bufferedBytes).toBeLessThanOrEqual(MAX_PENDING_REPLY_BYTES + ONE_REPLY);

    slow.destroy();
    await server.waitForConnections(1);
    expect(server.connectionStats()).toEqual([{ bufferedBytes: 0, waitingRequests: 0, readingPaused: false }]);
    await other.close();
  });

  it('answers every pipelined request, in order, once the client reads', async () => {
    const slow = await openNonReader(server);
    const count = 200;
    slow.write(Buffer.concat(Array.from({ length: count }, (_, i) => clientFrame(`{"op":1,"key":"big","messageId":${i + 1}}`))));
    await server.waitForConnectionStats(([stats]) => stats?.readingPaused === true);

    // Now read: every reply arrives, in order, and reading resumes.
    const ids: number[] = [];
    let pending = Buffer.alloc(0);
    const done = new Promise<void>((resolve) => {
      slow.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        for (;;) {
          if (pending.length < 2) return;
          let length = pending[1] & 0x7f;
          let offset = 2;
          if (length === 126) [length, offset] = [pending.readUInt16BE(2), 4];
          else if (length === 127) [length, offset] = [Number(pending.readBigUInt64BE(2)), 10];
          if (pending.length < offset + length) return;
          ids.push((JSON.parse(pending.subarray(offset, offset + length).toString()) as { messageId: number }).messageId);
          pending = pending.subarray(offset + length);
          if (ids.length === count) resolve();
        }
      });
    });
    slow.resume();
    await done;
    expect(ids).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    await server.waitForConnectionStats(([stats]) => stats?.readingPaused === false);
    slow.destroy();
    await server.waitForConnections(0);
  });

  it('counts replies the server holds back (pauseReplies) and resumes reading when they are released', async () => {
    const client = await RawClient.open(server.baseUrl, { apiKey: server.apiKey });
    server.pauseReplies();
    const replies = Array.from({ length: 300 }, () => client.request({ op: 1, key: 'big' }));
    await server.waitForConnectionStats(([stats]) => stats?.readingPaused === true);
    const [held] = server.connectionStats();
    expect(held.bufferedBytes).toBeLessThanOrEqual(MAX_PENDING_REPLY_BYTES + ONE_REPLY);
    expect(held.waitingRequests).toBeGreaterThan(0);

    server.resumeReplies();
    const answered = await Promise.all(replies);
    expect(answered.map((reply) => reply.messageId)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(answered.every((reply) => reply.code === 200)).toBe(true);
    await server.waitForConnectionStats(([stats]) => stats?.readingPaused === false);
    await client.close();
  });

  it('with --data, counts the replies held until the journal is on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hpkv-backpressure-'));
    const durable = await startLocalServer({ port: 0, dataFile: join(dir, 'data.json') });
    try {
      durable.engine.store.set('big', 'v'.repeat(VALUE_BYTES));
      const slow = await openNonReader(durable);
      // A write first: every reply after it waits for the journal flush, held by the server.
      const frames = [clientFrame('{"op":2,"key":"w","value":"1","messageId":0}')];
      for (let i = 1; i <= 2000; i++) frames.push(clientFrame(`{"op":1,"key":"big","messageId":${i}}`));
      slow.write(Buffer.concat(frames));
      await durable.waitForConnectionStats(([stats]) => stats?.readingPaused === true);
      const [paused] = durable.connectionStats();
      expect(paused.bufferedBytes).toBeLessThanOrEqual(MAX_PENDING_REPLY_BYTES + ONE_REPLY);
      expect(paused.waitingRequests).toBeGreaterThan(0);
      slow.destroy();
      await durable.waitForConnections(0);
    } finally {
      await durable.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
