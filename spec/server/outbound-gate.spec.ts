import { mkdtemp, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DurableStore } from '../../lib/server/durable-store';
import { OutboundGate } from '../../lib/server/outbound-gate';
import { startLocalServer, type LocalServer } from '../../lib/server/local-server';
import { fileHandlePrototype } from '../support/file-handle-prototype';
import { RawClient } from '../support/raw-client';

describe('OutboundGate', () => {
  it('never closes without a journal unless paused', () => {
    const gate = new OutboundGate();
    expect(gate.closed).toBe(false);
    gate.pause();
    expect(gate.closed).toBe(true);
    gate.resume();
    expect([gate.closed, gate.position]).toEqual([false, 0]);
  });

  describe('with --data, over real sockets', () => {
    let dir: string;
    let server: LocalServer;
    let prototype: FileHandle;
    /** What happened, in order: `synced` after each fdatasync returns, and frames as they arrive. */
    let events: string[];
    const clients: RawClient[] = [];
    const connect = async (credential: { apiKey: string } | { token: string }): Promise<RawClient> => {
      const client = await RawClient.open(server.baseUrl, credential);
      clients.push(client);
      return client;
    };

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'hpkv-gate-'));
      prototype = await fileHandlePrototype(join(dir, 'probe'));
      events = [];
      const datasync = prototype.datasync;
      jest.spyOn(prototype, 'datasync').mockImplementation(async function (this: FileHandle) {
        await datasync.call(this);
        events.push('synced');
      });
      server = await startLocalServer({ port: 0, dataFile: join(dir, 'store.json') });
    });
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      await server.close();
      jest.restoreAllMocks();
      await rm(dir, { recursive: true, force: true });
    });

    it('answers a write, and notifies it, only once it is on disk', async () => {
      const subscriber = await connect({ token: server.issueToken({ subscribePatterns: ['k'] }) });
      const writer = await connect({ apiKey: server.apiKey });
      subscriber.ws.on('message', () => events.push('notification'));
      writer.ws.on('message', () => events.push('reply'));
      await writer.request({ op: 2, key: 'k', value: 'v' });
      await subscriber.notifications(1);
      expect(events).toEqual(['synced', 'reply', 'notification']);
    });

    it('answers a REST write only once it is on disk', async () => {
      const response = await fetch(`${server.baseUrl}/record`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': server.apiKey },
        body: JSON.stringify({ key: 'k', value: 'v' }),
      });
      events.push(`reply ${response.status}`);
      expect(events).toEqual(['synced', 'reply 200']);
    });

    it('keeps each connection in order: a held reply is never overtaken by a later one', async () => {
      const client = await connect({ apiKey: server.apiKey });
      const replies: number[] = [];
      client.ws.on('message', (data) => replies.push((JSON.parse(data.toString()) as { messageId: number }).messageId));
      const frames = [];
      for (let i = 1; i <= 400; i++) {
        // Writes, reads that need no disk, errors and a bad frame, interleaved and pipelined.
        const op = [{ op: 2, key: `k${i}`, value: 'v' }, { op: 1, key: 'k1' }, { op: 4, key: 'missing' }, { op: 6, key: 'n', value: 1 }][i % 4];
        frames.push(JSON.stringify({ ...op, messageId: i }));
      }
      frames.push('{"op":99,"messageId":401}');
      for (const frame of frames) client.ws.send(frame);
      await client.next((frame) => frame.messageId === 401);
      expect(replies).toEqual(Array.from({ length: 401 }, (_, i) => i + 1));
      expect(events).toContain('synced');
    });

    it('pauseReplies holds frames past the disk flush, and resumeReplies lets them out in order', async () => {
      const client = await connect({ apiKey: server.apiKey });
      const applied = new Promise((resolve) => server.engine.onChange(resolve));
      server.pauseReplies();
      const first = client.request({ op: 2, key: 'held', value: '1' });
      const second = client.request({ op: 1, key: 'held' });
      await applied;
      await (server.engine.store as DurableStore).journal.whenDurable();
      expect(events).toEqual(['synced']);
      server.resumeReplies();
      expect(await first).toMatchObject({ code: 200, messageId: 1 });
      expect(await second).toMatchObject({ value: '1', messageId: 2 });
    });

    it('cuts a connection waiting on a write the disk refused, then refuses writes and still serves reads', async () => {
      jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      (prototype.datasync as jest.Mock).mockRejectedValueOnce(new Error('EIO: i/o error, fdatasync'));
      const writer = await connect({ apiKey: server.apiKey });
      const reader = await connect({ apiKey: server.apiKey });
      const cut = new Promise((resolve) => writer.ws.once('close', resolve));
      writer.ws.send(JSON.stringify({ op: 2, key: 'k', value: 'v', messageId: 1 }));
      // No acknowledgement: its client learns the write's outcome is unknown, as on any drop.
      expect(await cut).toBe(1006);
      expect(writer.buffered).toEqual([]);
      expect(await reader.request({ op: 2, key: 'k2', value: 'v' })).toMatchObject({ code: 500, messageId: 1 });
      expect(await reader.request({ op: 1, key: 'k2' })).toMatchObject({ code: 404, messageId: 2 });
    });
  });
});
