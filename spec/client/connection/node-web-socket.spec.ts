import { type AddressInfo, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { createNodeWebSocket, isWebSocketClass, nodeWebSocketAvailable } from '../../../lib/client/connection/node-web-socket';
import { type WebSocketLike } from '../../../lib/client/connection/web-socket-like';

// What `ws` resolves to under the `browser` export condition (not exported by path, so by file).
const browserStub = jest.requireActual<object>(join(dirname(require.resolve('ws/package.json')), 'browser.js'));

/** A bare `ws` server that records each TCP chunk and each message it receives. */
async function recordingServer(): Promise<{ url: string; chunks: number[]; messages: string[]; server: WebSocketServer }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const chunks: number[] = [];
  const messages: string[] = [];
  server.on('connection', (ws: WebSocket) => {
    (ws as unknown as { _socket: Socket })._socket.on('data', (chunk: Buffer) => chunks.push(chunk.length));
    ws.on('message', (data: Buffer) => messages.push(data.toString()));
  });
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, chunks, messages, server };
}

function opened(socket: WebSocketLike): Promise<void> {
  return new Promise((resolve) => (socket.onopen = () => resolve()));
}

function waitFor(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => (condition() ? resolve() : void setImmediate(check));
    check();
  });
}

describe('createNodeWebSocket', () => {
  let server: Awaited<ReturnType<typeof recordingServer>> | undefined;
  let socket: WebSocketLike | undefined;

  afterEach(async () => {
    socket?.close();
    await new Promise<void>((resolve) => (server ? server.server.close(() => resolve()) : resolve()));
    server = socket = undefined;
  });

  it('coalesces the frames sent in one event-loop turn into one socket write', async () => {
    server = await recordingServer();
    socket = createNodeWebSocket(server.url);
    await opened(socket);
    const tcp = (socket as unknown as { ws: { _socket: Socket } }).ws._socket;
    const frames = Array.from({ length: 50 }, (_, i) => JSON.stringify({ op: 1, key: `key-${i}`, messageId: i + 1 }));

    for (const frame of frames) socket.send(frame);
    expect(tcp.writableCorked).toBe(1);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(tcp.writableCorked).toBe(0);

    await waitFor(() => server!.messages.length === frames.length);
    expect(server.messages).toEqual(frames);
    expect(server.chunks).toHaveLength(1);
  });

  it('corks again on the next turn', async () => {
    server = await recordingServer();
    socket = createNodeWebSocket(server.url);
    await opened(socket);
    const tcp = (socket as unknown as { ws: { _socket: Socket } }).ws._socket;
    socket.send('a');
    await new Promise((resolve) => process.nextTick(resolve));
    socket.send('b');
    socket.send('c');
    expect(tcp.writableCorked).toBe(1);
    await waitFor(() => server!.messages.length === 3);
    expect(server.messages).toEqual(['a', 'b', 'c']);
    expect(tcp.writableCorked).toBe(0);
  });

  it('pings; the pong, like anything that arrives, is reported on onactivity', async () => {
    server = await recordingServer();
    socket = createNodeWebSocket(server.url);
    await opened(socket);
    const pong = new Promise<void>((resolve) => (socket!.onactivity = resolve));
    socket.ping!();
    await pong;
  });

  it('reports activity once per chunk read, not once per frame', async () => {
    server = await recordingServer();
    const frames = 200;
    server.server.on('connection', (ws: WebSocket) => {
      const tcp = (ws as unknown as { _socket: Socket })._socket;
      tcp.cork();
      for (let i = 0; i < frames; i++) ws.send(`{"n":${i}}`);
      process.nextTick(() => tcp.uncork());
    });
    socket = createNodeWebSocket(server.url);
    let received = 0;
    let activity = 0;
    socket.onmessage = () => received++;
    socket.onactivity = () => activity++;
    await opened(socket);
    await waitFor(() => received === frames);
    expect(activity).toBeGreaterThanOrEqual(1);
    expect(activity).toBeLessThan(frames / 10);
  });

  it('close() sends the close frame and releases the socket at once, without waiting for a peer that never answers', async () => {
    server = await recordingServer();
    // A peer that has gone silent: it reads nothing more, so it never answers the close frame.
    server.server.on('connection', (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket.pause());
    socket = createNodeWebSocket(server.url);
    await opened(socket);
    const closed = new Promise<number>((resolve) => (socket!.onclose = (event) => resolve(event.code)));
    socket.close(1000, 'client closed');
    // ws alone keeps the socket (and a 30 s timer) until the peer's close frame comes.
    expect(await closed).toBe(1006);
    for (const peer of server.server.clients) peer.terminate();
  });

  it('tells the real ws client from its browser stub, so browser bundles fall back to the global WebSocket', () => {
    expect(nodeWebSocketAvailable).toBe(true);
    expect(isWebSocketClass(WebSocket)).toBe(true);
    expect(isWebSocketClass(browserStub)).toBe(false);
    expect(isWebSocketClass(undefined)).toBe(false);
  });
});
