import { asyncScheduler, Subscription, type SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { HPKVClientFactory, type ConnectionConfig, type HPKVApiClient, type HPKVSubscriptionClient } from '../client';
import { type WebSocketFactory } from '../client/connection/web-socket-like';
import { HPKVOperation } from '../protocol';
import { Engine, TokenIssuer, type TokenConfig } from '../server';
import { MemoryWebSocket, type MemoryServer } from './memory-web-socket';

/** Options for `createTestBackend`. */
export interface TestBackendOptions {
  /** Scheduler for every hop; inside `TestScheduler.run()` the default is virtual too. @default asyncScheduler */
  scheduler?: SchedulerLike;
  /** Delay of each hop, in scheduler time (ms). @default 0 */
  latency?: number;
  /** @default 'test-key' */
  apiKey?: string;
  /** @default 7200 */
  tokenTtlSeconds?: number;
}

/** One scripted write: `[key, value]`, a `null` value deletes the key. */
export type ScriptedWrite = [key: string, value: string | null];

/**
 * An HPKV backend for unit tests: the local server's engine behind an in-memory
 * `webSocketFactory`. No sockets, no ports; with `TestScheduler.run()` everything is virtual
 * time, so pipelines over `get$`/`watch$`/`live$` are marble-testable.
 */
export class TestBackend implements MemoryServer {
  readonly engine: Engine;
  readonly tokens: TokenIssuer;
  readonly apiKey: string;
  readonly scheduler: SchedulerLike;
  readonly latency: number;
  readonly sockets = new Set<MemoryWebSocket>();
  /** Any base URL works; this one makes it obvious in messages. */
  readonly baseUrl = 'http://hpkv.test';
  readonly webSocketFactory: WebSocketFactory = (url) => new MemoryWebSocket(url, this);

  constructor(options: TestBackendOptions = {}) {
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.latency = options.latency ?? 0;
    this.apiKey = options.apiKey ?? 'test-key';
    const now = (): number => this.scheduler.now();
    this.engine = new Engine({ now });
    this.tokens = new TokenIssuer({ ttlSeconds: options.tokenTtlSeconds, now });
  }

  /** Client config wired to this backend: its socket factory and scheduler, no throttling, no jitter. */
  config(overrides: ConnectionConfig = {}): ConnectionConfig {
    return { webSocketFactory: this.webSocketFactory, scheduler: this.scheduler, throttling: { enabled: false }, jitterMs: 0, ...overrides };
  }

  apiClient(config?: ConnectionConfig): HPKVApiClient {
    return HPKVClientFactory.createApiClient(this.apiKey, this.baseUrl, this.config(config));
  }

  subscriptionClient(token: TokenConfig | string = { subscribePatterns: ['*'] }, config?: ConnectionConfig): HPKVSubscriptionClient {
    const value = typeof token === 'string' ? token : this.issueToken(token);
    return HPKVClientFactory.createSubscriptionClient(value, this.baseUrl, this.config(config));
  }

  issueToken(config: TokenConfig = {}): string {
    return this.tokens.issueFor(config);
  }

  /** Stores records directly (no notifications): the state a test starts from. */
  seed(records: Record<string, string>): void {
    for (const [key, value] of Object.entries(records)) this.engine.store.set(key, value);
  }

  /** Writes now, as another client would: stored, then notified to matching subscribers. */
  write(key: string, value: string | null): void {
    const request = value === null ? { op: HPKVOperation.DELETE, key } : { op: HPKVOperation.SET, key, value };
    const [, change] = this.engine.execute(request as never, {});
    if (change !== undefined) this.engine.publish(change);
  }

  /**
   * Scripts writes as marbles, e.g. `writes('-a-b', { a: ['doc', 'v1'], b: ['doc', null] })`:
   * set `doc` at frame 1, delete it at frame 3. Time syntax (`10ms`) works as in run mode.
   */
  writes(marbles: string, values: Record<string, ScriptedWrite>): Subscription {
    const messages = TestScheduler.parseMarbles(marbles, values, undefined, false, true);
    const subscription = new Subscription();
    for (const message of messages) {
      if (message.notification.kind !== 'N') continue;
      const [key, value] = message.notification.value as ScriptedWrite;
      subscription.add(this.scheduler.schedule(() => this.write(key, value), message.frame));
    }
    return subscription;
  }

  /** Cuts every client connection, as the server's `dropConnections()`. */
  dropConnections(): void {
    for (const socket of [...this.sockets]) socket.drop();
  }
}

/** Creates a `TestBackend`. */
export function createTestBackend(options?: TestBackendOptions): TestBackend {
  return new TestBackend(options);
}
