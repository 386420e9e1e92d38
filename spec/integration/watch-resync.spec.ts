import { filter, firstValueFrom, skip, toArray } from 'rxjs';
import { HPKVClientFactory, type HPKVApiClient, type HPKVSubscriptionClient, type WatchEvent } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { startFaultProxy, type FaultProxy } from '../../lib/testing';
import { chaosConfig } from '../support/chaos-config';
import { nextEvent, within } from '../support/next-event';
import { SeededRandom } from '../support/seeded-random';

// The watcher finds the half-open path in about a second; the writer (straight to the server,
// no fault) keeps the default heartbeat, so seeding 1,100 writes at once on a loaded machine
// cannot look like a dead connection.
const WATCHER = chaosConfig({ heartbeat: { intervalMs: 500, timeoutMs: 1000 } });
const WRITER = chaosConfig({ heartbeat: { intervalMs: 15_000, timeoutMs: 5_000 } });

/**
 * watch$('p:*', { resync: true }) folded into a map ends equal to the server's state, after a
 * permanent half-open path (found by the heartbeat) during which another client writes: the
 * prefix holds more than one RANGE page (1,100 records), and 300 seeded random writes (sets and
 * deletes, some to keys that did not exist) land while the watcher cannot hear them.
 */
describe('chaos: a resynced watch$ ends with the server state after an outage', () => {
  let server: LocalServer;
  let proxy: FaultProxy;
  let writer: HPKVApiClient;
  let watcher: HPKVSubscriptionClient;

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
    proxy = await startFaultProxy(server.baseUrl, { seed: 5 });
    writer = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, WRITER);
    watcher = HPKVClientFactory.createSubscriptionClient(server.issueToken({ subscribePatterns: ['p:*'] }), proxy.baseUrl, WATCHER);
  });
  afterEach(async () => {
    watcher.destroy();
    writer.destroy();
    await proxy.close();
    await server.close();
  });

  it('folds to the server state: seed (paged), live notifications, then the resynced differences', async () => {
    const random = new SeededRandom(2024);
    const keys = Array.from({ length: 1200 }, (_, i) => `p:${String(i).padStart(4, '0')}`);
    await writer.connect();
    await Promise.all(keys.slice(0, 1100).map((key) => writer.set(key, 'seed')));
    await watcher.connect();

    const folded = new Map<string, string | number>();
    const gaps: WatchEvent[] = [];
    let resynced = 0;
    watcher.watch$('p:*', { resync: true }).subscribe((event) => {
      if (event.type === 'gap') gaps.push(event);
      else {
        if (event.resynced === true) resynced++;
        if (event.value === null) folded.delete(event.key);
        else folded.set(event.key, event.value);
      }
    });
    await within(10_000, 'the first read', firstValueFrom(watcher.synced$.pipe(filter(Boolean))));
    expect(folded.size).toBe(1100);
    await writer.set('p:0000', 'live');
    await within(5000, 'a live notification', firstValueFrom(watcher.watch$('p:0000').pipe(filter((event) => event.type === 'notification'))));

    const reconnected = nextEvent(watcher, 'connected');
    const resyncedAfterIt = firstValueFrom(watcher.synced$.pipe(skip(1), filter(Boolean)));
    proxy.strand();
    for (let i = 0; i < 300; i++) {
      const key = random.pick(keys);
      if (random.next() < 0.3) await writer.delete(key).catch((error: { code?: number }) => expect(error.code).toBe(404));
      else await writer.set(key, `v${i}`);
    }
    await within(10_000, 'the reconnect', reconnected);
    await within(10_000, 'the re-read', resyncedAfterIt);
    // Everything written before this marker has been notified before it (one connection, in order).
    await writer.set('p:zzzz', 'marker');
    await within(5000, 'the marker', firstValueFrom(watcher.watch$('p:zzzz').pipe(filter((event) => event.type === 'notification'))));

    const server$ = new Map<string, string>();
    for (const page of await firstValueFrom(writer.scan$('p:', 'p:\u{10ffff}').pipe(toArray()))) for (const record of page) server$.set(record.key, record.value);
    expect(server$.size).toBeGreaterThan(1000);
    expect(Object.fromEntries(folded)).toEqual(Object.fromEntries(server$));
    expect(gaps).toHaveLength(1);
    expect(resynced).toBeGreaterThan(1100); // the seed, then the differences
  });
});
