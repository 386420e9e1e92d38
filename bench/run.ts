/**
 * `npm run bench`: measures, in one run on one machine, hpkv-rx (Promise and Observable forms),
 * the official SDK and two hand-written `ws` clients (the floor, and bare `ws`), then prints the
 * medians, their ratios to the floor and the targets of issue 10 as ratios. Servers run in
 * their own processes: the local server for requests, the stub server (stub-server.ts) as a
 * never-answering black hole for the heap scenario and as a notification firehose.
 * These are measurements, not tests: nothing here passes or fails.
 *
 * BENCH_QUICK=1     smaller runs, for development
 * BENCH_ROUNDS=n    measured rounds (default 3), after one warm-up round that is not recorded
 * BENCH_ONLY=…      scenarios: latency, throughput, heap, notifications (comma-separated)
 * BENCH_CLIENTS=…   clients by id: floor, bare, official, promise, observable (requests);
 *                   raw, official, watch, subscribe (notifications). Ratios need their reference.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type BenchClient, type BenchTarget, type Settle } from './clients/bench-client';
import { CLIENTS, SUBSCRIBERS, type Entry } from './clients/registry';
import { measureNotifications } from './scenarios/notifications';
import { measurePendingHeap } from './scenarios/pending-heap';
import { slidingWindow } from './scenarios/sliding-window';
import { environment } from './support/environment';
import { busyFraction, processCpuMicros } from './support/process-cpu';
import { printReport, summarise, type Report } from './support/report';
import { spawnServer } from './support/spawn-server';
import { percentile } from './support/stats';
import { startStubServer, FRAMES_PER_WRITE } from './support/stub-server-process';
import { evaluateTargets, type Samples } from './support/targets';

declare const gc: () => void;

const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SCENARIOS = ['latency', 'throughput', 'heap', 'notifications'];
/** A comma-separated selection from `known` (all of them when unset); a typo stops the run. */
function selection(variable: string, known: string[]): string[] {
  const value = process.env[variable];
  if (value === undefined || value.trim() === '') return known;
  const chosen = value.split(',').map((item) => item.trim());
  const unknown = chosen.filter((item) => !known.includes(item));
  if (unknown.length > 0) throw new Error(`${variable}: unknown ${unknown.join(', ')}; choose from ${known.join(', ')}`);
  return chosen;
}
const ONLY = selection('BENCH_ONLY', SCENARIOS);
const CLIENT_IDS = selection('BENCH_CLIENTS', [...new Set([...CLIENTS, ...SUBSCRIBERS].map(({ id }) => id))]);

const SIZES = QUICK
  ? { latency: 2_000, throughput64: 20_000, throughput1024: 50_000, notifications: 100 * FRAMES_PER_WRITE }
  : { latency: 10_000, throughput64: 100_000, throughput1024: 200_000, notifications: 2_000 * FRAMES_PER_WRITE };
/** The warm-up round runs every scenario at this fraction of its size. */
const WARM_UP = QUICK ? 0.5 : 0.2;
/** Pending requests at which heap is read, in both modes (the target is at 100 000). */
const PENDING = [10_000, 100_000];
const KEY = 'bench:key';
const VALUE = 'x'.repeat(100);
const TOKEN = 'stub-token';

const log = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/**
 * Full collections before each measured run, so no client pays for the garbage of the one
 * before it (every client starts from the same compacted heap; young-generation GCs during
 * a run are its own).
 */
function collect(): void {
  gc();
  gc();
}

/** Round r measures the clients in rotated order, so none is always first or last. */
const rotate = <T,>(items: T[], round: number): T[] => items.map((_, i) => items[(i + round) % items.length]);

/** One GET whose reply must carry the stored value: an adapter that answers wrongly fails fast. */
function checkReply(client: BenchClient): Promise<void> {
  return new Promise((done, fail) => {
    const settle: Settle = {
      next: (reply) => ((reply as { value?: unknown }).value === VALUE ? done() : fail(new Error(`${client.name}: unexpected reply ${JSON.stringify(reply)}`))),
      error: fail,
      complete: () => undefined,
    };
    client.get(KEY, settle);
  });
}

async function main(): Promise<void> {
  const env = await environment();
  const clients = CLIENTS.filter(({ id }) => CLIENT_IDS.includes(id));
  const subscribers = SUBSCRIBERS.filter(({ id }) => CLIENT_IDS.includes(id));
  const runs = (scenario: string): boolean => ONLY.includes(scenario);
  log(`${env.machine.cpu}, ${env.machine.cores} cores, ${env.machine.memoryGiB} GiB, Node ${env.machine.node}; load average ${env.load.start.toFixed(1)}`);
  log(`${Object.entries(env.versions).map(([name, v]) => `${name} ${v}`).join(', ')}; hpkv-rx at ${env.commit}`);
  log(`${ROUNDS} rounds after a warm-up round${QUICK ? ' (quick)' : ''}: ${ONLY.join(', ')}; ${[...clients, ...subscribers].map(({ name }) => name).join(', ')}`);

  const server = runs('latency') || runs('throughput') ? await spawnServer() : undefined;
  const stub = runs('heap') || runs('notifications') ? await startStubServer() : undefined;
  if (server !== undefined) {
    await fetch(`${server.baseUrl}/record`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.apiKey },
      body: JSON.stringify({ key: KEY, value: VALUE }),
    });
  }

  const samples: Samples = {};
  for (let round = 0; round <= ROUNDS; round++) {
    const warmUp = round === 0;
    const size = (n: number): number => (warmUp ? Math.ceil((n * WARM_UP) / FRAMES_PER_WRITE) * FRAMES_PER_WRITE : n);
    const tag = warmUp ? 'warm-up' : `round ${round}/${ROUNDS}`;
    const add = (client: string, metric: string, value: number | undefined): void => {
      if (!warmUp && value !== undefined) ((samples[client] ??= {})[metric] ??= []).push(value);
    };

    if (server !== undefined) {
      const target: BenchTarget = { baseUrl: server.baseUrl, apiKey: server.apiKey };
      for (const { name, make } of rotate(clients, round)) {
        const client = await make(target, '');
        await checkReply(client);
        await slidingWindow(client, KEY, 64, 2_000); // this connection, and the server's side of it
        const figures: string[] = [];
        if (runs('latency')) {
          collect();
          const result = await slidingWindow(client, KEY, 1, size(SIZES.latency));
          add(name, 'throughput@1', result.requestsPerSecond);
          add(name, 'p50Micros', percentile(result.latenciesMicros!, 50));
          add(name, 'p99Micros', percentile(result.latenciesMicros!, 99));
          figures.push(`p50 ${percentile(result.latenciesMicros!, 50).toFixed(0)} µs`);
        }
        if (runs('throughput')) {
          for (const [inFlight, total] of [[64, SIZES.throughput64], [1024, SIZES.throughput1024]]) {
            collect();
            const serverCpu = processCpuMicros(server.pid);
            const result = await slidingWindow(client, KEY, inFlight, size(total));
            add(name, `throughput@${inFlight}`, result.requestsPerSecond);
            if (inFlight !== 1024) continue;
            add(name, 'cpuMicros@1024', result.cpuMicrosPerRequest);
            add(name, 'clientBusy@1024', result.clientBusy);
            add(name, 'serverBusy@1024', busyFraction(server.pid, serverCpu, result.elapsedMs));
            figures.push(`${Math.round(result.requestsPerSecond).toLocaleString('en-US')} GET/s @1024, ${result.cpuMicrosPerRequest.toFixed(1)} µs CPU/GET, client busy ${(result.clientBusy * 100).toFixed(0)}%`);
          }
        }
        await client.close();
        log(`${tag} ${name}: ${figures.join(', ')}`);
      }
    }

    if (stub !== undefined && runs('heap')) {
      const counts = PENDING.map(size);
      for (const { name, make } of rotate(clients, round)) {
        const client = await make(stub.target, '');
        collect();
        const perRequest = await measurePendingHeap(client, stub, counts);
        PENDING.forEach((count, i) => add(name, `heapBytes@${count}`, perRequest[i]));
        log(`${tag} ${name}: ${counts.map((count, i) => `${perRequest[i].toFixed(0)} B per pending request (${count} pending)`).join(', ')}`);
      }
    }

    if (stub !== undefined && runs('notifications')) {
      for (const { name, make } of rotate(subscribers, round)) {
        const subscriber = await make(stub.target, TOKEN);
        await measureNotifications(subscriber, stub, 20 * FRAMES_PER_WRITE); // this connection
        collect();
        const result = await measureNotifications(subscriber, stub, size(SIZES.notifications));
        add(name, 'notificationsPerSecond', result.perSecond);
        add(name, 'cpuMicrosPerNotification', result.cpuMicros);
        add(name, 'subscriberBusy', result.clientBusy);
        add(name, 'firehoseBusy', result.serverBusy);
        await subscriber.close();
        log(`${tag} ${name}: ${Math.round(result.perSecond).toLocaleString('en-US')} notifications/s, ${result.cpuMicros.toFixed(2)} µs CPU each; busy: subscriber ${(result.clientBusy * 100).toFixed(0)}%, firehose ${(result.serverBusy * 100).toFixed(1)}%`);
      }
    }
  }
  await server?.stop();
  await stub?.stop();

  env.load.end = loadavg()[0];
  const report: Report = {
    date: new Date().toISOString(),
    environment: env,
    rounds: ROUNDS,
    quick: QUICK,
    scenarios: ONLY,
    sizes: { ...SIZES, pending: PENDING },
    samples,
    ...summarise(samples),
    targets: evaluateTargets(samples),
  };
  const names = (entries: Entry<unknown>[]): string[] => entries.map(({ name }) => name);
  printReport(report, names(clients), names(subscribers));
  await mkdir(resolve(__dirname, 'results'), { recursive: true });
  await writeFile(resolve(__dirname, 'results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  log('wrote bench/results/latest.json');
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
