/**
 * `npm run demo`: the quick start against an embedded local HPKV server.
 *  1. the same operations through the Promise API and the Observable API, side by side;
 *  2. a subscription client watching `product:*` (and one product live) while another writes.
 */
import { filter, firstValueFrom, forkJoin, map, take, toArray } from 'rxjs';
import { HPKVClientFactory, WebsocketTokenManager, type HPKVError } from '../lib/client';
import { startLocalServer } from '../lib/server';

const line = (text = ''): void => console.log(text);

async function main(): Promise<void> {
  const server = await startLocalServer();
  line(`▶ local HPKV server at ${server.baseUrl} (api key: ${server.apiKey})`);

  // Throttling is on by default (10 requests/s, as HPKV's free tier); the local server has no limit.
  const api = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false } });
  await api.connect();

  line('\n── Promise API (as @hpkv/websocket-client) ──');
  await api.set('user:ada', { name: 'Ada', langs: ['en'] });
  line(`get        ${JSON.stringify(await api.get('user:ada'))}`);
  await api.set('user:ada', { born: 1815 }, true); // partial update: JSON objects merge
  line(`patched    ${(await api.get('user:ada')).value}`);
  line(`increment  ${(await api.atomicIncrement('visits', 5)).newValue}`);
  await api.get('user:nobody').catch((error: HPKVError) => line(`missing    ${error.name} ${error.code}: ${error.message}`));

  line('\n── Observable API (cold: nothing is sent until subscribed) ──');
  const reads$ = forkJoin({
    ada: api.get$('user:ada').pipe(map((reply) => reply.value)),
    visits: api.atomicIncrement$('visits', 1).pipe(map((reply) => reply.newValue)),
    users: api.range$('user:', 'user:~').pipe(map((reply) => reply.records.map((record) => record.key))),
  });
  line(`forkJoin   ${JSON.stringify(await firstValueFrom(reads$))}`);

  line('\n── Notifications: a subscription client watches product:* while the API client writes ──');
  const tokens = new WebsocketTokenManager(server.apiKey, server.baseUrl);
  const watcher = HPKVClientFactory.createSubscriptionClient(
    () => tokens.generateToken({ subscribePatterns: ['product:*'] }), // asked again on every reconnect
    server.baseUrl,
    { throttling: { enabled: false } },
  );
  await watcher.connect();
  watcher.watch$('product:*').subscribe((event) =>
    line(event.type === 'gap' ? `watch$     (missed changes while disconnected)` : `watch$     ${event.key} = ${event.value === null ? '(deleted)' : event.value}`),
  );
  const lamp$ = watcher.live$('product:lamp');
  const lampHistory = firstValueFrom(lamp$.pipe(take(4), toArray()));
  await firstValueFrom(lamp$.pipe(filter((value) => value === null))); // live$ reads first: missing → null

  await api.set('product:lamp', JSON.stringify({ price: 30 }));
  await api.set('product:desk', JSON.stringify({ price: 120 }));
  await api.set('product:lamp', JSON.stringify({ price: 25 }));
  await api.delete('product:desk');
  await api.delete('product:lamp'); // live$ ends this demo on null
  line(`live$      product:lamp went ${JSON.stringify(await lampHistory)}`);

  const stats = api.getConnectionStats();
  line(`\nstats      ${JSON.stringify(stats)}`);
  watcher.destroy();
  api.destroy();
  await server.close();
  line('✔ done');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
