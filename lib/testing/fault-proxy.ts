import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { HPKVError } from '../client';
import { planFaults, type ChaosOptions, type PlannedFault } from './fault-plan';
import { ProxiedConnection, type ProxyRoute } from './proxied-connection';
import { randomSeed, seededRandom } from './seeded-random';

/** Options for `startFaultProxy`. */
export interface FaultProxyOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Delay of every chunk, each way, in ms (see `latency()`). @default 0 */
  latencyMs?: number;
  /** Up to this many extra random ms per chunk, drawn from the seeded source. @default 0 */
  jitterMs?: number;
  /** Seed for jitter and `chaos()`; print `proxy.seed` to replay a run. @default a random seed */
  seed?: number;
}

/**
 * A TCP proxy in front of an HPKV base URL that injects network faults. It forwards bytes, so
 * the HTTP upgrade, WebSocket frames (pings included) and REST pass through unchanged.
 */
export interface FaultProxy {
  /** What a client takes as its base URL: the target's, with the proxy's host and port. */
  readonly baseUrl: string;
  readonly port: number;
  /** The seed of jitter and `chaos()`. */
  readonly seed: number;
  /** Client connections open now (stranded and blackholed ones included). */
  readonly openConnections: number;
  /** Client connections accepted since the start. */
  readonly acceptedConnections: number;
  /** True between `blackhole()` and `heal()`. */
  readonly blackholed: boolean;
  /** Resets every open connection now (TCP RST to both sides), as a dropped network or a restarted NAT would. */
  cut(): void;
  /**
   * The network goes silent, nothing is closed (a sleeping laptop, a stalled path). Nothing is
   * read or forwarded either way; what the peers send waits in socket buffers and TCP flow
   * control and is delivered, in order, on `heal()`, as TCP retransmits across a transient stall.
   * FINs and RSTs wait too. New connections are accepted and stay silent; the server sees them
   * only after `heal()`.
   */
  blackhole(): void;
  /** Ends a blackhole: what was held is delivered in order, then traffic flows. Stranded connections stay dead. */
  heal(): void;
  /**
   * Every connection open now goes silent for good and is never closed (a NAT that forgot the
   * flow, a network handover): a permanent half-open path. New connections work; `heal()` does
   * not revive stranded ones; `cut()` and `close()` release them.
   */
  strand(): void;
  /** Delays forwarding by `ms` each way, plus up to `jitterMs` (seeded); byte order is kept. 0 turns it off. */
  latency(ms: number, jitterMs?: number): void;
  /** Resolves once exactly `count` client connections are open. */
  waitForConnections(count: number): Promise<void>;
  /** Resolves once `total` client connections have been accepted since the start. */
  waitForAccepted(total: number): Promise<void>;
  /**
   * Injects a seeded random schedule of cuts and stalls (see `ChaosOptions`), one at a time;
   * resolves with the faults injected when the last has healed, or at `close()`. Do not
   * `blackhole()`/`heal()` by hand meanwhile.
   */
  chaos(options: ChaosOptions): Promise<PlannedFault[]>;
  /** Stops listening, resets every connection and cancels every timer; resolves when all are closed. */
  close(): Promise<void>;
}

/**
 * Starts a fault proxy in front of `target`, an HPKV base URL over plain HTTP
 * (`http://host:port`, as `startLocalServer()` gives; the proxy cannot terminate TLS).
 */
export async function startFaultProxy(target: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const upstream = parseTarget(target);
  const seed = options.seed ?? randomSeed();
  const jitterRandom = seededRandom(seed);
  let latencyMs = 0;
  let jitterMs = 0;
  let blackholed = false;
  let closed = false;
  let accepted = 0;
  const connections = new Set<ProxiedConnection>();
  const counted = new EventEmitter().setMaxListeners(0); // one listener per pending waitFor…()
  const sleepers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();

  const setLatency = (ms: number, jitter = 0): void => {
    checkMillis('latency', ms);
    checkMillis('jitter', jitter);
    latencyMs = ms;
    jitterMs = jitter;
  };
  setLatency(options.latencyMs ?? 0, options.jitterMs ?? 0);

  const route: ProxyRoute = {
    host: upstream.host,
    port: upstream.port,
    blackholed: () => blackholed,
    delay: () => (jitterMs === 0 ? latencyMs : latencyMs + jitterRandom() * jitterMs),
  };

  const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client: Socket) => {
    accepted++;
    const connection = new ProxiedConnection(client, route, (gone) => {
      connections.delete(gone);
      counted.emit('change');
    });
    connections.add(connection);
    counted.emit('change');
    connection.refresh();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const baseUrl = new URL(upstream.url);
  baseUrl.host = `${address.includes(':') ? `[${address}]` : address}:${port}`;

  /** Resolves when `done()` holds, re-checked on every change of the counts. */
  const waitUntil = (done: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (!done()) return;
        counted.off('change', check);
        resolve();
      };
      counted.on('change', check);
      check();
    });

  /** A timer that `close()` cancels, waking the sleeper so nothing is left pending. */
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (closed) return resolve();
      const sleeper = {
        timer: setTimeout(() => sleeper.wake(), ms),
        wake: () => {
          clearTimeout(sleeper.timer);
          sleepers.delete(sleeper);
          resolve();
        },
      };
      sleepers.add(sleeper);
    });

  const proxy: FaultProxy = {
    baseUrl: baseUrl.href.replace(/\/$/, ''),
    port,
    seed,
    get openConnections() {
      return connections.size;
    },
    get acceptedConnections() {
      return accepted;
    },
    get blackholed() {
      return blackholed;
    },
    cut() {
      for (const connection of connections) connection.cut();
    },
    blackhole() {
      blackholed = true;
      for (const connection of connections) connection.refresh();
    },
    heal() {
      blackholed = false;
      for (const connection of connections) connection.refresh();
    },
    strand() {
      for (const connection of connections) connection.strand();
    },
    latency: setLatency,
    waitForConnections: (count) => waitUntil(() => connections.size === count),
    waitForAccepted: (total) => waitUntil(() => accepted >= total),
    async chaos(chaosOptions) {
      const plan = planFaults(seededRandom(chaosOptions.seed ?? seed), chaosOptions);
      const injected: PlannedFault[] = [];
      let elapsed = 0;
      for (const fault of plan) {
        await sleep(fault.atMs - elapsed);
        if (closed) break;
        if (fault.kind === 'cut') {
          proxy.cut();
        } else {
          proxy.blackhole();
          await sleep(fault.durationMs);
          if (!closed) proxy.heal();
        }
        injected.push(fault);
        elapsed = fault.atMs + fault.durationMs;
      }
      return injected;
    },
    async close() {
      closed = true;
      for (const sleeper of [...sleepers]) sleeper.wake();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      proxy.cut();
      await Promise.all([stopped, waitUntil(() => connections.size === 0)]);
    },
  };
  return proxy;
}

function parseTarget(target: string): { url: URL; host: string; port: number } {
  let url: URL | undefined;
  try {
    url = new URL(target);
  } catch {
    // reported below
  }
  // Bytes are forwarded as they are: a TLS target would need the proxy to terminate TLS.
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'ws:')) {
    throw new HPKVError(`Invalid fault proxy target "${target}": give a plain-HTTP base URL such as http://127.0.0.1:3000 (TLS cannot be proxied)`, 400);
  }
  return { url, host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) };
}

function checkMillis(name: string, ms: number): void {
  if (!(Number.isFinite(ms) && ms >= 0)) throw new HPKVError(`Invalid fault proxy ${name}: must be a number of ms >= 0, got ${ms}`, 400);
}
