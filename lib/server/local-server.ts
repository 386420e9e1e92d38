import { EventEmitter } from 'node:events';
import { createServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { WebSocketServer, type RawData } from 'ws';
import { Status } from '../protocol';
import { consoleRoute } from './console-route';
import { DurableStore } from './durable-store';
import { Engine } from './engine';
import { OutboundGate } from './outbound-gate';
import { RateLimiter } from './rate-limiter';
import { ReadBackpressure, type ConnectionStats } from './read-backpressure';
import { checkCorsOrigin } from './cors';
import { handleRest } from './rest-routes';
import { parseRequestTarget, unreadableTarget } from './request-target';
import { TokenIssuer, type TokenConfig } from './token-issuer';

export { type TokenConfig, type ConnectionStats };
import { authenticateUpgrade } from './upgrade-auth';
import { WsConnection } from './ws-connection';

/** Options for `startLocalServer`. */
export interface LocalServerOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** The API key clients must present. @default 'local-dev-key' */
  apiKey?: string;
  /** Requests per second allowed per connection (HPKV free tier: 10); over it → 429. @default off */
  rateLimit?: number;
  /** Lifetime of subscription tokens. @default 7200 */
  tokenTtlSeconds?: number;
  /**
   * JSON file holding the store across restarts: every write is journaled to `<dataFile>.journal`
   * and on disk before it is acknowledged, and folded into the file on `close()`. A path that
   * cannot be used, or a corrupt file, rejects the start with a `DataFileError`. @default none (in memory)
   */
  dataFile?: string;
  /** Clock for token expiry, rate limiting and timestamps, epoch ms. @default Date.now */
  now?: () => number;
  /** Serve the web console built in this folder at `/console/` (`hpkv-local` does unless `--no-console`). @default none */
  consoleDir?: string;
  /**
   * `Access-Control-Allow-Origin` for the HTTP routes (`*` or one origin such as
   * `http://localhost:4200`), so a browser app on another port can mint tokens and use REST.
   * @default off
   */
  cors?: string;
}

/** A running local HPKV server. */
export interface LocalServer {
  /** `http://HOST:PORT`: what the clients take as their base URL. */
  readonly baseUrl: string;
  readonly port: number;
  readonly apiKey: string;
  /** The engine behind every transport (store, notifications). */
  readonly engine: Engine;
  /** Open WebSocket connections. */
  readonly connectionCount: number;
  /** Issues a subscription token without an HTTP round trip. */
  issueToken(config?: TokenConfig): string;
  /** Resolves once exactly `count` WebSocket connections are open. */
  waitForConnections(count: number): Promise<void>;
  /**
   * Flow control of each open WebSocket connection: bytes waiting to be sent, requests waiting
   * unread, and whether reading is paused because the client does not read its replies.
   */
  connectionStats(): ConnectionStats[];
  /** Resolves once `predicate` holds, checked whenever a connection opens, closes, pauses or resumes. */
  waitForConnectionStats(predicate: (stats: ConnectionStats[]) => boolean): Promise<void>;
  /** Fault: cuts every WebSocket connection now (no close frame); the server keeps listening. */
  dropConnections(): void;
  /** Fault: refuses new upgrades with this HTTP status until called with `null`. */
  refuseUpgrades(status: number | null): void;
  /** Fault: holds every outbound frame (requests are still applied) until `resumeReplies()`. */
  pauseReplies(): void;
  /** Sends the frames held since `pauseReplies()`, in order, and stops holding. */
  resumeReplies(): void;
  /** Fault: sends a raw text frame to every open WebSocket connection. */
  sendRaw(text: string): void;
  /** Ends every socket and timer; folds the journal into `dataFile` when it is set. */
  close(): Promise<void>;
}

/** Starts a local HPKV server: WebSocket at `/ws`, tokens, REST, on one HTTP port. */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  const apiKey = options.apiKey ?? 'local-dev-key';
  const now = options.now ?? Date.now;
  const corsError = options.cors === undefined ? undefined : checkCorsOrigin(options.cors);
  if (corsError !== undefined) throw new TypeError(corsError);
  const store = options.dataFile === undefined ? undefined : await DurableStore.open(options.dataFile);
  const engine = new Engine({ now, store });
  const tokens = new TokenIssuer({ ttlSeconds: options.tokenTtlSeconds, now });

  const connections = new Map<WsConnection, ReadBackpressure>();
  const counted = new EventEmitter();
  let refusal: number | null = null;
  const gate = new OutboundGate(store?.journal);
  const durable = store && ((): Promise<void> => store.journal.whenDurable());

  const serveConsole = options.consoleDir === undefined ? undefined : consoleRoute({ dir: options.consoleDir, apiKey, bindHost: host });
  const rest = { engine, tokens, apiKey, durable, cors: options.cors };
  const http = createServer((request, response) => {
    if (serveConsole?.(request, response) === true) return;
    // handleRest answers every error itself; this only catches a failure to write that answer.
    handleRest(request, response, rest).catch(() => response.destroy());
  });
  // No client may grow a frame past what the protocol can use; ws closes such a socket (1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024, perMessageDeflate: false });

  http.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      upgrade(request, socket, head);
    } catch {
      refuse(socket, Status.INTERNAL, 'Internal server error');
    }
  });

  function upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = parseRequestTarget(request.url);
    if (url === undefined) return refuse(socket, 400, unreadableTarget(request.url));
    if (url.pathname !== '/ws' && url.pathname !== '/ws/') return refuse(socket, 404, 'WebSocket endpoint is /ws');
    if (refusal !== null) return refuse(socket, refusal, 'Upgrades refused (fault injection)');
    const auth = authenticateUpgrade(url, apiKey, tokens);
    if (!auth.ok) return refuse(socket, auth.status, auth.error);
    wss.handleUpgrade(request, socket, head, (ws) => {
      socket.setNoDelay(true);
      const limiter = options.rateLimit === undefined ? undefined : new RateLimiter(options.rateLimit, now);
      const connection = new WsConnection(ws, socket, gate, auth.subscriptions, auth.access, limiter);
      const inbound = new ReadBackpressure(ws, socket, () => connection.pendingBytes, () => counted.emit('change'));
      connection.onRelease = () => inbound.recheck();
      accept(connection, inbound);
    });
  }

  function accept(connection: WsConnection, inbound: ReadBackpressure): void {
    connections.set(connection, inbound);
    engine.attach(connection);
    counted.emit('change');
    const { ws } = connection;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      inbound.receive(() => {
        if (!isBinary) return engine.handleFrame(data.toString(), connection);
        connection.send(JSON.stringify({ code: Status.BAD_REQUEST, error: 'binary frames are not supported: send JSON text' }));
      });
    });
    // A vanished client leaves nothing behind: its session, unread requests, held frames and count go with it.
    ws.on('close', () => {
      connections.delete(connection);
      inbound.clear();
      gate.forget(connection);
      engine.detach(connection);
      counted.emit('change');
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await store?.close();
    throw error;
  });
  const port = (http.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  const server: LocalServer = {
    baseUrl: `http://${urlHost}:${port}`,
    port,
    apiKey,
    engine,
    get connectionCount() {
      return connections.size;
    },
    issueToken(config = {}) {
      return tokens.issueFor(config);
    },
    waitForConnections(count) {
      return server.waitForConnectionStats((stats) => stats.length === count);
    },
    connectionStats() {
      return [...connections.values()].map((inbound) => inbound.stats());
    },
    waitForConnectionStats(predicate) {
      return new Promise((resolve) => {
        const check = (): void => {
          if (!predicate(server.connectionStats())) return;
          counted.off('change', check);
          resolve();
        };
        counted.on('change', check);
        check();
      });
    },
    dropConnections() {
      for (const connection of connections.keys()) connection.ws.terminate();
    },
    refuseUpgrades(status) {
      refusal = status;
    },
    pauseReplies() {
      gate.pause();
    },
    resumeReplies() {
      gate.resume();
    },
    sendRaw(text) {
      for (const connection of connections.keys()) connection.write(text);
    },
    async close() {
      for (const connection of connections.keys()) connection.ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await store?.close();
    },
  };
  return server;
}

function refuse(socket: Socket, status: number, error: string): void {
  const body = JSON.stringify({ error });
  const reason = STATUS_CODES[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
