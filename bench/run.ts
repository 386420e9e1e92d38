/**
 * `npm run bench`: starts the local server (its own process) and measures, in one run and
 * against the same server, hpkv-rx (Observable and Promise forms), the official SDK and a bare
 * `ws` client. Prints medians over ROUNDS rounds, ratios, machine and versions; writes
 * bench/results/latest.json. These are measurements, not tests: nothing here passes or fails.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type BenchClient, type BenchSubscriber, type BenchTarget } from './clients/bench-client';
import { CLIENTS, SUBSCRIBERS } from './clients/registry';
import { measureLatency } from './scenarios/latency';
import { measureNotifications } from './scenarios/notifications';
import { measurePendingHeap } from './scenarios/pending-heap';
import { measureThroughput } from './scenarios/throughput';
import { spawnServer } from './support/spawn-server';
import { median } from './support/stats';
import { printReport, type Report } from './support/report';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUICK = process.env.BENCH_QUICK === '1';
const IN_FLIGHT = [1, 64, 1024];
const TOTAL: Record<number, number> = QUICK ? { 1: 2_000, 64: 20_000, 1024: 50_000 } : { 1: 10_000, 64: 100_000, 1024: 200_000 };
const PENDING = [10_000, 100_000];
const NOTIFICATIONS = QUICK ? 20_000 : 100_000;

const log = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function blackHole(): Promise<{ target: BenchTarget; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'support/black-hole-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return {
    target: { baseUrl: `http://127.0.0.1:${line.split(' ')[1]}`, apiKey: 'any' },
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function writerProcess(target: BenchTarget): Promise<ChildProcess> {
  const child = fork(resolve(__dirname, 'support/writer-process.ts'), [target.baseUrl, target.apiKey], { execArgv: ['--import', 'tsx'] });
  await once(child, 'message');
  return child;
}

async function version(name: string): Promise<string> {
  const path = resolve(__dirname, '../node_modules', name, 'package.json');
  return ((JSON.parse(await readFile(path, 'utf8')) as { version: string }).version);
}

async function main(): Promise<void> {
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  const versions = {
    'hpkv-rx': await version('..').catch(() => 'local'),
    '@hpkv/websocket-client': await version('@hpkv/websocket-client'),
    ws: await version('ws'),
    rxjs: await version('rxjs'),
  };
  log(`machine: ${machine.cpu} ×${machine.cores}, ${machine.memoryGiB} GiB, node ${machine.node}`);
  log(`versions: ${Object.entries(versions).map(([name, v]) => `${name} ${v}`).join(', ')}`);
  log(`${ROUNDS} rounds${QUICK ? ' (quick)' : ''}`);

  const server = await spawnServer();
  const target: BenchTarget = { baseUrl: server.baseUrl, apiKey: server.apiKey };
  await fetch(`${server.baseUrl}/record`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': server.apiKey },
    body: JSON.stringify({ key: 'bench:key', value: 'x'.repeat(100) }),
  });

  const samples: Record<string, Record<string, number[]>> = {};
  const add = (client: string, metric: string, value: number): void => {
    ((samples[client] ??= {})[metric] ??= []).push(value);
  };

  for (let round = 1; round <= ROUNDS; round++) {
    for (const { name, make } of CLIENTS) {
      const client: BenchClient = await make(target);
      await measureThroughput(client, 64, 5_000); // warm up the JIT and the connection
      for (const inFlight of IN_FLIGHT) {
        const result = await measureThroughput(client, inFlight, TOTAL[inFlight]);
        add(name, `throughput@${inFlight}`, result.requestsPerSecond);
        if (inFlight === 1024) add(name, 'cpuMicros@1024', result.cpuMicrosPerRequest);
      }
      const latency = await measureLatency(client, QUICK ? 1_000 : 5_000);
      add(name, 'p50Micros', latency.p50);
      add(name, 'p99Micros', latency.p99);
      await client.close();
      log(`round ${round}/${ROUNDS} ${name}: ${Math.round(samples[name]['throughput@1024'].at(-1)!)} req/s @1024, p50 ${latency.p50.toFixed(0)} µs`);
    }
  }

  const hole = await blackHole();
  for (const { name, make } of CLIENTS) {
    for (const count of PENDING) {
      const bytes = await measurePendingHeap(await make(hole.target), count);
      add(name, `heapBytes@${count}`, bytes);
      log(`heap ${name}: ${bytes.toFixed(0)} bytes per pending request (${count} pending)`);
    }
  }
  await hole.stop();

  const writer = await writerProcess(target);
  const token = await server.token(['fan:*']);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const { name, make } of SUBSCRIBERS) {
      const subscriber: BenchSubscriber = await make(target, token);
      await measureNotifications(subscriber, writer, 2_000);
      const rate = await measureNotifications(subscriber, writer, NOTIFICATIONS);
      add(name, 'notificationsPerSecond', rate);
      await subscriber.close();
      log(`round ${round}/${ROUNDS} ${name}: ${Math.round(rate)} notifications/s`);
    }
  }
  writer.send({ stop: true });
  await server.stop();

  const medians: Report['medians'] = {};
  for (const [client, metrics] of Object.entries(samples)) {
    medians[client] = Object.fromEntries(Object.entries(metrics).map(([metric, values]) => [metric, median(values)]));
  }
  const report: Report = { date: new Date().toISOString(), machine, versions, rounds: ROUNDS, quick: QUICK, medians, samples };
  printReport(report);
  await mkdir(resolve(__dirname, 'results'), { recursive: true });
  await writeFile(resolve(__dirname, 'results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  log('wrote bench/results/latest.json');
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
