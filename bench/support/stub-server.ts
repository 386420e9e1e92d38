/**
 * A stand-in HPKV server for the scenarios in which the real one would be what is measured. It
 * looks like HPKV to every client: any non-empty `token` or `apiKey` is accepted at the `/ws`
 * upgrade, anything else is refused with 401. Two behaviours:
 * - black hole: it never answers a request, so requests stay pending in the client (heap
 *   scenario); it counts the frames it receives, so the harness knows they all left the client;
 * - firehose: on command it writes pre-built notification frames to the newest token connection,
 *   256 frames per socket write, waiting only for the socket's `drain`: the kernel buffer stays
 *   full, the client never waits for data, and the server spends next to nothing per frame.
 * Run with an IPC channel by stub-server-process.ts: `{ fire: n }` → `{ fired: µs of CPU spent }` once written,
 * `{ count: true }` → `{ received: n }`.
 */
import { createServer } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { FRAMES_PER_WRITE } from './stub-server-process';

/** RFC 6455 §5.2: FIN + text opcode, then the payload length, unmasked (server to client). */
function textFrameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x81, length]);
  if (length < 65_536) return Buffer.from([0x81, 126, length >> 8, length & 0xff]);
  throw new Error('notification frames are small');
}

/** One write's worth of notifications: 64 keys matching `fan:*`, a value of 40-odd characters. */
function notificationBatch(): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < FRAMES_PER_WRITE; i++) {
    const payload = Buffer.from(JSON.stringify({ type: 'notification', key: `fan:${i % 64}`, value: `value-${i}-${'x'.repeat(32)}`, timestamp: Date.now() }));
    parts.push(textFrameHeader(payload.length), payload);
  }
  return Buffer.concat(parts);
}

const BATCH = notificationBatch();
const subscribers = new Set<WebSocket>();
let received = 0;

/** Resolves on `drain`, or on `close` (a subscriber may go away mid-burst). */
function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

async function fire(ws: WebSocket, count: number): Promise<void> {
  // Frames are written to the TCP socket directly, bypassing ws's sender, which stays idle.
  const socket = (ws as unknown as { _socket: Socket })._socket;
  for (let sent = 0; sent < count && ws.readyState === WebSocket.OPEN; sent += FRAMES_PER_WRITE) {
    if (!socket.write(BATCH)) await drained(socket);
  }
}

const http = createServer((_request, response) => response.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1 << 30 });
http.on('upgrade', (request, socket, head) => {
  const url = new URL(request.url ?? '/', 'http://stub');
  const token = url.searchParams.get('token');
  if (url.pathname !== '/ws' || !(token || url.searchParams.get('apiKey'))) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws) => {
    ws.on('message', () => received++);
    if (!token) return;
    subscribers.add(ws);
    ws.on('close', () => subscribers.delete(ws));
  });
});

process.on('message', (message: { fire?: number; count?: boolean }) => {
  if (message.fire !== undefined) {
    if (message.fire % FRAMES_PER_WRITE !== 0) throw new Error(`fire a multiple of ${FRAMES_PER_WRITE}`);
    // The newest: the one measured (the one before may not have finished closing).
    const newest = [...subscribers].filter((ws) => ws.readyState === WebSocket.OPEN).at(-1);
    if (newest === undefined) throw new Error('firehose: no subscriber is connected');
    const cpu = process.cpuUsage();
    void fire(newest, message.fire).then(() => {
      const { user, system } = process.cpuUsage(cpu);
      process.send!({ fired: user + system });
    });
  }
  if (message.count) process.send!({ received });
});
process.on('disconnect', () => process.exit(0));
http.listen(0, '127.0.0.1', () => process.send!({ port: (http.address() as AddressInfo).port }));
