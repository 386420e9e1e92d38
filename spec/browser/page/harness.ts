/**
 * The test page's script (bundled for browsers from lib/client's public entry): hpkv-rx used
 * for real in Chromium, driven by spec/browser/*.spec.ts through `window.harness`. Streams are
 * recorded under a name; `values(name, n)` waits on the stream (never on a timer; bounded by
 * WAIT_LIMIT_MS, failing with what was recorded) for n values.
 */
import { BehaviorSubject, filter, firstValueFrom, map, NEVER, throwError, timeout, type Observable, type Subscription } from 'rxjs';
import { HPKVClientFactory, WebsocketTokenManager, type BaseClient, type ConnectionConfig, type ConnectionStats, type HPKVSubscriptionClient } from '../../../lib/client';
import { WAIT_LIMIT_MS } from '../support/wait-limit';
import { runOperationScript } from './operation-script';
import { pageCues$, playVisibility, timedEvent } from './page-events';
import { seenError, type SeenError } from './seen-error';

/** Quick reconnects for the fault specs (the schedule itself is marble-tested); no throttling. */
const FAST: ConnectionConfig = {
  throttling: { enabled: false },
  initialDelayBetweenReconnects: 20,
  maxDelayBetweenReconnects: 100,
  jitterMs: 0,
  maxReconnectAttempts: 200,
};

const clients = new Map<string, BaseClient>();
const recordings = new Map<string, { values$: BehaviorSubject<unknown[]>; subscription: Subscription }>();

function client(name: string): BaseClient {
  const found = clients.get(name);
  if (found === undefined) throw new Error(`No client named ${name}`);
  return found;
}

const subscriber = (name: string): HPKVSubscriptionClient => client(name) as HPKVSubscriptionClient;

/**
 * Client settings as plain data (what `page.evaluate` can carry): `networkCues: 'ignored'` stands
 * for `networkCues: NEVER`, a client that does not follow `offline`/`online`/`visible`.
 */
export type PageConfig = Omit<ConnectionConfig, 'networkCues'> & { networkCues?: 'ignored' };

/** A token to mint with `WebsocketTokenManager` on every (re)connect, as a browser app holding an API key would. */
export interface MintedToken {
  apiKey: string;
  subscribePatterns: string[];
}

/** What a logger prints for an error: its stack and those of its causes (where a credential could hide). */
function printed(error: unknown): string {
  const lines: string[] = [];
  for (let at: unknown = error; at !== undefined && lines.length < 10; at = (at as { cause?: unknown }).cause) {
    lines.push(at instanceof Error ? `${at.name}: ${at.message}\n${at.stack ?? ''}` : String(at));
  }
  return lines.join('\ncaused by ');
}

/** Records every value, error (as `{ error }`) and completion (`'complete'`) of a stream. */
function record(name: string, source$: Observable<unknown>): void {
  const values$ = new BehaviorSubject<unknown[]>([]);
  const push = (value: unknown): void => values$.next([...values$.value, value]);
  const subscription = source$.subscribe({ next: push, error: (error: unknown) => push({ error: seenError(error) }), complete: () => push('complete') });
  recordings.set(name, { values$, subscription });
}

/**
 * Resolves with what is recorded under `name` once `holds` is true of it; checked on each value
 * (never on a timer), bounded by WAIT_LIMIT_MS with an error saying what was recorded by then.
 */
function recordedUntil(name: string, holds: (values: unknown[]) => boolean, what: string): Promise<unknown[]> {
  const recording = recordings.get(name);
  if (recording === undefined) throw new Error(`Nothing recorded as ${name}`);
  const { values$ } = recording;
  const stuck = (): Error => new Error(`Waited ${WAIT_LIMIT_MS} ms for ${what} in "${name}", which holds ${JSON.stringify(values$.value)}`);
  return firstValueFrom(values$.pipe(filter(holds), timeout({ first: WAIT_LIMIT_MS, with: () => throwError(stuck) })));
}

const piped = <T>(source$: Observable<T>, throughOperator: boolean): Observable<T> => (throughOperator ? source$.pipe(map((value) => value)) : source$);

const harness = {
  /** Every operation in both forms with an API-key client. */
  async operations(baseUrl: string, apiKey: string, prefix: string): Promise<{ promise: Record<string, unknown>; observable: Record<string, unknown> }> {
    const api = HPKVClientFactory.createApiClient(apiKey, baseUrl, FAST);
    try {
      await api.connect();
      return { promise: await runOperationScript(api, 'promise', `${prefix}p:`), observable: await runOperationScript(api, 'observable', `${prefix}o:`) };
    } finally {
      api.destroy();
    }
  },

  /**
   * Connects a subscription client under `name` with a token string, or a token provider that
   * mints one on every (re)connect; records its events as `${name}.events` (their types) and
   * `${name}.timeline` (`TimedEvent`s). `config` (plain data) is applied over the fast-reconnect
   * defaults.
   */
  async connectSubscriber(name: string, baseUrl: string, token: string | MintedToken, config: PageConfig = {}): Promise<void> {
    const credential =
      typeof token === 'string'
        ? token
        : () => new WebsocketTokenManager(token.apiKey, baseUrl).generateToken({ subscribePatterns: token.subscribePatterns });
    const { networkCues, ...settings } = config;
    const created = HPKVClientFactory.createSubscriptionClient(credential, baseUrl, { ...FAST, ...settings, ...(networkCues === 'ignored' ? { networkCues: NEVER } : {}) });
    clients.set(name, created);
    record(`${name}.events`, created.events$.pipe(map((event) => event.type)));
    record(`${name}.timeline`, created.events$.pipe(map(timedEvent)));
    await created.connect();
  },

  /** What `connect()` rejects with for a credential (and everything a logger would print of it), or 'connected'. */
  async connectFailure(kind: 'apiKey' | 'token', baseUrl: string, credential: string): Promise<(SeenError & { printed: string }) | 'connected'> {
    const attempt = kind === 'apiKey' ? HPKVClientFactory.createApiClient(credential, baseUrl, FAST) : HPKVClientFactory.createSubscriptionClient(credential, baseUrl, FAST);
    try {
      await attempt.connect();
      return 'connected';
    } catch (error) {
      return { ...seenError(error), printed: printed(error) };
    } finally {
      attempt.destroy();
    }
  },

  /** Mints a token from the page with `WebsocketTokenManager` (cross-origin: the page is not served by hpkv-local). */
  async mintToken(baseUrl: string, apiKey: string, subscribePatterns: string[]): Promise<{ token: string } | SeenError> {
    try {
      return { token: await new WebsocketTokenManager(apiKey, baseUrl).generateToken({ subscribePatterns }) };
    } catch (error) {
      return seenError(error);
    }
  },

  /**
   * A call to hpkv-local's REST API as a browser app makes it (`fetch`, JSON, `x-api-key`
   * unless `apiKey` is null): the status and parsed body, or how the fetch failed (the browser
   * blocked the answer, or nothing answered: the page learns no more than this).
   */
  async rest(baseUrl: string, apiKey: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown } | { failed: string }> {
    const headers: Record<string, string> = apiKey === null ? {} : { 'x-api-key': apiKey };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    } catch (error) {
      return { failed: String(error) };
    }
  },

  recordLive(name: string, clientName: string, key: string, throughOperator = false): void {
    record(name, piped(subscriber(clientName).live$(key), throughOperator));
  },

  /** `watch$` as `key=value` (` (resynced)` when the client made it from a re-read) and `gap`. */
  recordWatch(name: string, clientName: string, pattern: string, throughOperator = false, resync = false): void {
    const watched$ = subscriber(clientName).watch$(pattern, resync ? { resync } : undefined);
    record(name, piped(watched$, throughOperator).pipe(map((n) => (n.type === 'gap' ? 'gap' : `${n.key}=${n.value}${n.resynced === true ? ' (resynced)' : ''}`))));
  },

  /** `liveState$` as `fresh:value` or `stale:value`. */
  recordLiveState(name: string, clientName: string, key: string, throughOperator = false): void {
    record(name, piped(subscriber(clientName).liveState$(key), throughOperator).pipe(map(({ value, stale }) => `${stale ? 'stale' : 'fresh'}:${String(value)}`)));
  },

  recordSynced(name: string, clientName: string, throughOperator = false): void {
    record(name, piped(subscriber(clientName).synced$, throughOperator));
  },

  /** The page's own `offline`, `online` and `visibilitychange` events (`TimedCue`s): where the client's cues come from. */
  recordNetworkCues(name: string): void {
    record(name, pageCues$());
  },

  playVisibility,

  /** Starts a GET and records its outcome; returns once it is sent (in flight). */
  startGet(name: string, clientName: string, key: string): { messagesPending: number; state: string } {
    record(name, client(clientName).get$(key).pipe(map((reply) => reply.value)));
    const stats = client(clientName).getConnectionStats();
    return { messagesPending: stats.messagesPending, state: String(stats.connectionState) };
  },

  /** Starts a SET and records its outcome (`{ code }` or `{ error }`); returns once it is sent (in flight). */
  startSet(name: string, clientName: string, key: string, value: string): void {
    record(name, client(clientName).set$(key, value).pipe(map((reply) => ({ code: reply.code }))));
  },

  getStats(clientName: string): ConnectionStats {
    return client(clientName).getConnectionStats();
  },

  /** The recorded values once there are at least `count`. */
  values(name: string, count: number): Promise<unknown[]> {
    return recordedUntil(name, (values) => values.length >= count, `${count} values`);
  },

  /** Resolves once the recording holds a value equal to `value`. */
  valueSeen(name: string, value: unknown): Promise<unknown[]> {
    return recordedUntil(name, (values) => values.includes(value), JSON.stringify(value));
  },

  /** Resolves once the recording holds `value` at least `times` times (the second `connected`, say). */
  seenTimes(name: string, value: unknown, times: number): Promise<unknown[]> {
    return recordedUntil(name, (values) => values.filter((seen) => seen === value).length >= times, `${JSON.stringify(value)} ${times} times`);
  },

  /** Unsubscribes every recording and destroys every client. */
  destroyAll(): void {
    for (const { subscription } of recordings.values()) subscription.unsubscribe();
    recordings.clear();
    for (const created of clients.values()) created.destroy();
    clients.clear();
  },

  /** For the error collector's own spec: an uncaught error and an unhandled rejection. */
  misbehave(): void {
    setTimeout(() => {
      throw new Error('deliberately uncaught');
    });
    void Promise.reject(new Error('deliberately unhandled'));
  },
};

export type Harness = typeof harness;

declare global {
  interface Window {
    harness: Harness;
  }
}

window.harness = harness;
