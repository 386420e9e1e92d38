import { type Page, type WebSocket as PageWebSocket } from 'playwright-core';
import { filter, firstValueFrom } from 'rxjs';
import { HPKVClientFactory, type HPKVApiClient, type HPKVSubscriptionClient } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { startFaultProxy, type FaultProxy } from '../../lib/testing';
import { within } from '../support/next-event';
import { type PageConfig } from './page/harness';
import { type TimedCue, type TimedEvent } from './page/page-events';
import { openPage, useChromium, type OpenedPage } from './support/browser-session';
import { useHarnessSite } from './support/harness-site';
import { goOffline, goOnline } from './support/network';
import { WAIT_LIMIT_MS } from './support/wait-limit';

/** Short enough to see in a test, long enough that a busy machine's late timer is not a silence. */
const HEARTBEAT = { intervalMs: 300, timeoutMs: 300 };
/** Over the harness's quick reconnects (20 ms, then up to 100 ms apart). */
const LIVENESS: PageConfig = { heartbeat: HEARTBEAT };
/** How late a page timer may fire on this shared 2-core machine before we call it a miss. */
const SLACK_MS = 3000;
const HEARTBEAT_REASON = /^heartbeat: nothing received for \d+ ms$/;

/** What the page recorded under `name`, once there are at least `count` values. */
const recorded = <T>(page: Page, name: string, count = 0): Promise<T[]> => page.evaluate(([n, c]) => window.harness.values(n, c), [name, count] as const) as Promise<T[]>;
const seen = (page: Page, name: string, value: unknown, times = 1): Promise<unknown[]> =>
  page.evaluate(([n, v, t]) => window.harness.seenTimes(n, v, t), [name, value, times] as const);
const timeline = (page: Page, client: string): Promise<TimedEvent[]> => recorded<TimedEvent>(page, `${client}.timeline`);

/**
 * The liveness of issue 11 in a real Chromium, with the real client bundle: a silent network
 * found by the heartbeat (the fault proxy between the page and hpkv-local, so the browser knows
 * nothing), Chromium's own `offline`/`online`, and the page becoming visible. Heartbeat 300 ms /
 * 300 ms. What the offline emulation does to a socket is pinned by offline-emulation.spec.ts.
 */
describe('liveness in Chromium', () => {
  const browser = useChromium();
  const site = useHarnessSite();
  let server: LocalServer;
  let proxy: FaultProxy;
  let writer: HPKVApiClient;
  let opened: OpenedPage;
  const nodeClients: HPKVSubscriptionClient[] = [];

  beforeEach(async () => {
    server = await startLocalServer();
    proxy = await startFaultProxy(server.baseUrl, { seed: 13 });
    // Node, straight to the server: the page's network faults are not its own.
    writer = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false } });
    await writer.connect();
    opened = await openPage(browser(), site().url);
  });
  afterEach(async () => {
    await opened.page.evaluate(() => window.harness.destroyAll());
    const errors = await opened.close();
    for (const client of nodeClients.splice(0)) client.destroy();
    writer.destroy();
    await proxy.close();
    await server.close();
    expect(errors).toEqual([]);
  });

  /** A Node subscriber's next sight of `key` holding `value` (straight to the server, bounded). */
  const nodeSees = async (key: string, value: string): Promise<void> => {
    const watcher = HPKVClientFactory.createSubscriptionClient(server.issueToken({ subscribePatterns: [key] }), server.baseUrl, { throttling: { enabled: false } });
    nodeClients.push(watcher);
    await watcher.connect();
    await within(WAIT_LIMIT_MS, `${key} never held ${value}`, firstValueFrom(watcher.live$(key).pipe(filter((seenValue) => seenValue === value))));
  };

  /** The page's client `sub`, connected through the fault proxy. */
  const connectThroughProxy = async (page: Page, patterns: string[], config: PageConfig = LIVENESS): Promise<void> => {
    const token = server.issueToken({ subscribePatterns: patterns });
    await page.evaluate(([url, t, c]) => window.harness.connectSubscriber('sub', url, t, c), [proxy.baseUrl, token, config] as const);
  };

  describe('a silent network (the fault proxy; the browser is not told)', () => {
    it('blackhole: a request unanswered for timeoutMs ends the socket; the read in flight is re-sent and answered after the heal, the write comes back outcome-unknown', async () => {
      const { page } = opened;
      await writer.set('silent:read', 'before');
      await connectThroughProxy(page, ['silent:*']);

      proxy.blackhole();
      const sentAt = await page.evaluate(() => {
        window.harness.startGet('read', 'sub', 'silent:read');
        window.harness.startSet('write', 'sub', 'silent:write', 'sent into the silence');
        return performance.now();
      });
      await seen(page, 'sub.events', 'reconnecting');
      const [connected, disconnected, reconnecting] = await timeline(page, 'sub');
      expect(connected.type).toBe('connected');
      expect(disconnected).toMatchObject({ type: 'disconnected', code: 1006, reason: expect.stringMatching(HEARTBEAT_REASON) });
      expect(reconnecting).toMatchObject({ type: 'reconnecting', attempt: 1 });
      const detectedMs = disconnected.at - sentAt;
      expect(detectedMs).toBeGreaterThanOrEqual(HEARTBEAT.timeoutMs - 5);
      expect(detectedMs).toBeLessThan(HEARTBEAT.timeoutMs + SLACK_MS);
      // The write is somewhere in the silence and may yet be applied: the caller is told so at once, not after its timeout.
      expect(await recorded(page, 'write', 1)).toEqual([{ error: expect.objectContaining({ name: 'ConnectionError', outcomeUnknown: true }) }]);
      // The read waits for a connection, to be sent again (not failed).
      expect(await recorded(page, 'read')).toEqual([]);

      // Written while the page's network is silent: the re-sent read answers with it.
      await writer.set('silent:read', 'written during the silence');
      proxy.heal();
      expect(await recorded(page, 'read', 2)).toEqual(['written during the silence', 'complete']);
      await seen(page, 'sub.events', 'connected', 2);
      // Which is why "outcome unknown": the network held the write and the heal delivered it.
      await nodeSees('silent:write', 'sent into the silence');
    });

    it('strand (dead for good): the client leaves the dead path by itself, on a new connection, and re-sends its read', async () => {
      const { page } = opened;
      await writer.set('stranded:read', 'kept');
      await connectThroughProxy(page, ['stranded:*']);
      const accepted = proxy.acceptedConnections;

      proxy.strand();
      const sentAt = await page.evaluate(() => {
        window.harness.startGet('read', 'sub', 'stranded:read');
        return performance.now();
      });
      expect(await recorded(page, 'read', 2)).toEqual(['kept', 'complete']);
      await seen(page, 'sub.events', 'connected', 2);
      const events = await timeline(page, 'sub');
      expect(events.map((event) => event.type)).toEqual(['connected', 'disconnected', 'reconnecting', 'connected']);
      expect(events[1]).toMatchObject({ code: 1006, reason: expect.stringMatching(HEARTBEAT_REASON) });
      const detectedMs = events[1].at - sentAt;
      expect(detectedMs).toBeGreaterThanOrEqual(HEARTBEAT.timeoutMs - 5);
      expect(detectedMs).toBeLessThan(HEARTBEAT.timeoutMs + SLACK_MS);
      // One new connection through the proxy: the stranded one is left behind, nobody called connect().
      expect(proxy.acceptedConnections).toBe(accepted + 1);
    });
  });

  describe("Chromium's offline and online (context.setOffline)", () => {
    /** A token of its own for each client (its extra pattern makes it unique), so Chromium's list of sockets says whose each is. */
    const tokenFor = (client: string): string => server.issueToken({ subscribePatterns: ['offline:*', `client:${client}`] });
    /** Every WebSocket the page creates, failed attempts included, as Chromium reports them (DevTools protocol). */
    const socketsOpened: string[] = [];
    const attemptsWith = (token: string): number => socketsOpened.filter((url) => url.endsWith(`token=${token}`)).length;
    beforeEach(() => {
      socketsOpened.length = 0;
      opened.page.on('websocket', (socket: PageWebSocket) => socketsOpened.push(socket.url()));
    });

    it('offline closes the socket at once and reconnecting waits for online without spending attempts; online reconnects at once, cutting a 60 s backoff short', async () => {
      const { page } = opened;
      const tokens = { sub: tokenFor('sub'), witness: tokenFor('witness'), patient: tokenFor('patient') };
      // `sub` follows the cues with a schedule it could exhaust in 60 ms (2 attempts, 20 and 40 ms
      // apart); `witness` has the same schedule and ignores the cues; `patient` follows them with a 60 s backoff.
      const quick: PageConfig = { ...LIVENESS, initialDelayBetweenReconnects: 20, maxDelayBetweenReconnects: 40, maxReconnectAttempts: 2 };
      const slow: PageConfig = { ...LIVENESS, initialDelayBetweenReconnects: 60_000, maxDelayBetweenReconnects: 60_000 };
      await page.evaluate(
        async ([url, t, q, s]) => {
          const { harness } = window;
          harness.recordNetworkCues('cues');
          await harness.connectSubscriber('sub', url, t.sub, q);
          await harness.connectSubscriber('witness', url, t.witness, { ...q, networkCues: 'ignored' });
          await harness.connectSubscriber('patient', url, t.patient, s);
        },
        [server.baseUrl, tokens, quick, slow] as const,
      );
      await server.waitForConnections(4); // the writer and the page's three

      await goOffline(opened);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      await seen(page, 'sub.events', 'reconnecting');
      await seen(page, 'patient.events', 'reconnecting');
      // Closed by the client (nothing was owed, so not the heartbeat), and the close went through.
      await server.waitForConnections(2); // the writer, and the witness's socket, open and silent
      const [offline] = await recorded<TimedCue>(page, 'cues', 1);
      expect(offline.cue).toBe('offline');
      for (const client of ['sub', 'patient']) {
        const [, disconnected, reconnecting] = await timeline(page, client);
        expect(disconnected).toMatchObject({ type: 'disconnected', code: 1006, reason: 'offline' });
        expect(disconnected.at - offline.at).toBeLessThan(HEARTBEAT.timeoutMs);
        expect(reconnecting).toMatchObject({ type: 'reconnecting', attempt: 1 });
      }

      // The witness's read goes unanswered, the heartbeat ends its socket, and both its attempts
      // fail at once (a new socket fails offline): it gives up, as a client without the cues would.
      await page.evaluate(() => window.harness.startGet('witnessRead', 'witness', 'offline:1'));
      await seen(page, 'witness.events', 'reconnectFailed');
      const witness = await timeline(page, 'witness');
      expect(witness.map((event) => event.type)).toEqual(['connected', 'disconnected', 'reconnecting', 'reconnecting', 'reconnectFailed']);
      expect(witness[1].reason).toMatch(HEARTBEAT_REASON);
      expect(attemptsWith(tokens.witness)).toBe(3);
      // Meanwhile `sub`, on the same schedule, has tried nothing: it waits for the network.
      expect((await timeline(page, 'sub')).map((event) => event.type)).toEqual(['connected', 'disconnected', 'reconnecting']);
      expect(attemptsWith(tokens.sub)).toBe(1);
      expect(await page.evaluate(() => window.harness.getStats('sub'))).toMatchObject({ connectionState: 'RECONNECTING', reconnectAttempts: 1 });

      await goOnline(opened);
      await seen(page, 'sub.events', 'connected', 2);
      await seen(page, 'patient.events', 'connected', 2);
      const online = (await recorded<TimedCue>(page, 'cues', 2))[1];
      expect(online.cue).toBe('online');
      const sub = await timeline(page, 'sub');
      expect(sub.map((event) => event.type)).toEqual(['connected', 'disconnected', 'reconnecting', 'connected']);
      expect(attemptsWith(tokens.sub)).toBe(2);
      const patient = await timeline(page, 'patient');
      expect(patient.map((event) => event.type)).toEqual(['connected', 'disconnected', 'reconnecting', 'connected']);
      expect(patient[2].delay).toBe(60_000);
      expect(patient[3].at - online.at).toBeLessThan(SLACK_MS);
    });

    it('the streams say so: liveState$ stale and synced$ false while offline; online: the value written meanwhile, fresh, synced, and watch$ reports the gap (resynced: the missed change)', async () => {
      const { page } = opened;
      await writer.set('offline:1', 'before');
      await page.evaluate(
        async ([url, t, c]) => {
          const { harness } = window;
          await harness.connectSubscriber('sub', url, t, c);
          harness.recordLiveState('state', 'sub', 'offline:1');
          harness.recordLiveState('statePiped', 'sub', 'offline:1', true);
          harness.recordSynced('synced', 'sub');
          harness.recordSynced('syncedPiped', 'sub', true);
          harness.recordWatch('watch', 'sub', 'offline:*');
          harness.recordWatch('resynced', 'sub', 'offline:*', true, true);
        },
        [server.baseUrl, tokenFor('sub'), LIVENESS] as const,
      );
      expect(await seen(page, 'state', 'fresh:before')).toEqual(['stale:undefined', 'fresh:before']);
      expect(await seen(page, 'synced', true)).toEqual([false, true]);
      expect(await recorded(page, 'resynced', 1)).toEqual(['offline:1=before (resynced)']);

      await goOffline(opened);
      await seen(page, 'sub.events', 'disconnected');
      for (const name of ['state', 'statePiped']) expect(await seen(page, name, 'stale:before')).toEqual(['stale:undefined', 'fresh:before', 'stale:before']);
      for (const name of ['synced', 'syncedPiped']) expect(await seen(page, name, false, 2)).toEqual([false, true, false]);

      // Another client writes while the page is offline: its notification cannot reach the page.
      await writer.set('offline:1', 'written while offline');
      await goOnline(opened);

      const fresh = ['stale:undefined', 'fresh:before', 'stale:before', 'fresh:written while offline'];
      for (const name of ['state', 'statePiped']) expect(await seen(page, name, 'fresh:written while offline')).toEqual(fresh);
      for (const name of ['synced', 'syncedPiped']) expect(await seen(page, name, true, 2)).toEqual([false, true, false, true]);
      await writer.set('offline:2', 'after');
      // watch$: the gap, where the notification was lost, then what follows it.
      expect(await recorded(page, 'watch', 2)).toEqual(['gap', 'offline:2=after']);
      // Resynced: the gap is closed with the missed change, marked as the client's.
      expect(await recorded(page, 'resynced', 4)).toEqual(['offline:1=before (resynced)', 'gap', 'offline:1=written while offline (resynced)', 'offline:2=after']);
    });

    it('a first connect() while offline says so (the browser does tell that much), and connects once online', async () => {
      const { page } = opened;
      const token = server.issueToken({ subscribePatterns: ['offline:*'] });
      const connectFailure = (): ReturnType<typeof window.harness.connectFailure> =>
        page.evaluate(([url, t]) => window.harness.connectFailure('token', url, t), [server.baseUrl, token] as const);
      await goOffline(opened);
      const failure = await connectFailure();
      if (failure === 'connected') throw new Error('connect() succeeded while offline');
      expect(failure).toMatchObject({ name: 'ConnectionError', instanceOf: 'ConnectionError' });
      expect(failure.message).toBe(
        `Could not connect to ${server.baseUrl.replace('http:', 'ws:')}/ws?token=…: WebSocket connection failed. The browser is offline: call connect() again once it is back online`,
      );
      expect(failure.printed).not.toContain(token);
      await goOnline(opened);
      expect(await connectFailure()).toBe('connected');
    });
  });

  describe('the page becoming visible (SYNTHETIC: headless Chromium keeps every page visible, so the page plays the event)', () => {
    it('checks at once: an idle connection on a dead path, probed only every 60 s, is probed now, found dead within timeoutMs and replaced', async () => {
      const { page } = opened;
      // intervalMs is far beyond every wait here (20 s): only the cue can make this client look.
      await connectThroughProxy(page, ['visible:*'], { ...LIVENESS, heartbeat: { probe: true, intervalMs: 60_000, timeoutMs: HEARTBEAT.timeoutMs } });
      await page.evaluate(() => window.harness.recordNetworkCues('cues'));
      const accepted = proxy.acceptedConnections;
      proxy.strand();
      // The user switches away and comes back (played in the page: see playVisibility).
      await page.evaluate(() => {
        window.harness.playVisibility('hidden');
        window.harness.playVisibility('visible');
      });
      await seen(page, 'sub.events', 'connected', 2);
      const [hidden, visible] = await recorded<TimedCue>(page, 'cues', 2);
      expect([hidden.cue, visible.cue]).toEqual(['hidden', 'visible']);
      const events = await timeline(page, 'sub');
      expect(events.map((event) => event.type)).toEqual(['connected', 'disconnected', 'reconnecting', 'connected']);
      expect(events[1]).toMatchObject({ code: 1006, reason: expect.stringMatching(HEARTBEAT_REASON) });
      // The probe went out on the cue; its silence was the verdict, timeoutMs later.
      const detectedMs = events[1].at - visible.at;
      expect(detectedMs).toBeGreaterThanOrEqual(HEARTBEAT.timeoutMs - 5);
      expect(detectedMs).toBeLessThan(HEARTBEAT.timeoutMs + SLACK_MS);
      expect(proxy.acceptedConnections).toBe(accepted + 1);
    });
  });
});
