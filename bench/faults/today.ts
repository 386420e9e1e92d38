/**
 * `npx tsx bench/faults/today.ts`: what the client does on a network that goes silent, measured
 * through the fault proxy against hpkv-local (issue 11). With `--heartbeat off` it is the client
 * as it was before issue 11 (no liveness checks: the baseline); by default the heartbeat runs
 * with its defaults (15 s / 5 s), or `--interval-ms` / `--heartbeat-timeout-ms`. A measurement,
 * not a test: nothing passes or fails.
 *
 * 1. A transient stall: the path is blackholed for --stall-ms (default 25 000), then heals.
 *    A write is in flight when it starts; a probe (GET) is sent every --probe-ms (default 2 000).
 * 2. A permanent half-open path: the flow is stranded (new connections work); probes for
 *    --dead-ms (default 30 000); then a manual disconnect() + connect(), timed.
 * 3. The same path, idle: stranded with nothing sent, watched for --dead-ms.
 *
 * Printed for each: when the client noticed (its `disconnected` event) and when it was connected
 * again, from the start of the fault. The client otherwise runs with its defaults
 * (operationTimeout 10 s, throttling on), as users get it; --timeout-ms overrides operationTimeout.
 */
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { HPKVClientFactory, type ConnectionConfig, type HPKVApiClient } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { startFaultProxy, type FaultProxy } from '../../lib/testing';

const { values } = parseArgs({
  options: {
    'stall-ms': { type: 'string', default: '25000' },
    'dead-ms': { type: 'string', default: '30000' },
    'probe-ms': { type: 'string', default: '2000' },
    'timeout-ms': { type: 'string' },
    heartbeat: { type: 'string', default: 'on' },
    'interval-ms': { type: 'string' },
    'heartbeat-timeout-ms': { type: 'string' },
  },
});
const STALL_MS = Number(values['stall-ms']);
const DEAD_MS = Number(values['dead-ms']);
const PROBE_MS = Number(values['probe-ms']);
const CONFIG: ConnectionConfig = {
  ...(values['timeout-ms'] === undefined ? {} : { operationTimeout: Number(values['timeout-ms']) }),
  ...(values.heartbeat === 'off'
    ? { heartbeat: false as const }
    : {
        heartbeat: {
          ...(values['interval-ms'] === undefined ? {} : { intervalMs: Number(values['interval-ms']) }),
          ...(values['heartbeat-timeout-ms'] === undefined ? {} : { timeoutMs: Number(values['heartbeat-timeout-ms']) }),
        },
      }),
};

const started = performance.now();
const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const log = (line: string): void => console.log(`  +${((performance.now() - started) / 1000).toFixed(3).padStart(7)} s  ${line}`);

interface Outcome {
  label: string;
  result: string;
  ms: number;
}

/** Sends a request, logs and returns how it settled (a reply or the error's class) and how long it took. */
async function probe(label: string, request: () => Promise<unknown>): Promise<Outcome> {
  const sentAt = performance.now();
  const result = await request().then(
    () => 'ok',
    (error: Error) => error.name,
  );
  const outcome = { label, result, ms: performance.now() - sentAt };
  log(`${label}: ${result} after ${seconds(outcome.ms)}`);
  return outcome;
}

/** Probes every PROBE_MS for `durationMs`; resolves then, with the probes still settling on their own. */
async function probeFor(client: HPKVApiClient, name: string, durationMs: number): Promise<Promise<Outcome>[]> {
  const probes: Promise<Outcome>[] = [];
  for (let at = 0; at < durationMs; at += PROBE_MS) {
    probes.push(probe(`${name} probe ${probes.length + 1} (sent at +${seconds(at)})`, () => client.get('probe')));
    await sleep(Math.min(PROBE_MS, durationMs - at));
  }
  return probes;
}

interface Watcher {
  reconnects: () => number;
  states: string[];
  /** From `faultAt`: when the client noticed (`disconnected`) and when it was connected again. */
  timing: (faultAt: number) => string;
  stop: () => void;
}

/** Logs the client's events and states; keeps the states seen, to tell what changed during a fault. */
function watch(client: HPKVApiClient): Watcher {
  let reconnects = 0;
  const states: string[] = [];
  const seen: { type: string; at: number }[] = [];
  const events = client.events$.subscribe((event) => {
    if (event.type === 'reconnecting') reconnects++;
    seen.push({ type: event.type, at: performance.now() });
    if (event.type !== 'error') log(`event ${event.type}${event.type === 'disconnected' ? ` (code ${event.code}: ${event.reason})` : ''}`);
  });
  const stateLog = client.state$.subscribe((state) => {
    states.push(state);
    log(`state ${state}`);
  });
  const first = (type: string, after: number): number | undefined => seen.find((event) => event.type === type && event.at >= after)?.at;
  return {
    reconnects: () => reconnects,
    states,
    timing: (faultAt) => {
      const noticed = first('disconnected', faultAt);
      if (noticed === undefined) return 'never noticed';
      const back = first('connected', noticed);
      return `noticed after ${seconds(noticed - faultAt)}, connected again after ${back === undefined ? 'never' : seconds(back - faultAt)}`;
    },
    stop: () => {
      events.unsubscribe();
      stateLog.unsubscribe();
    },
  };
}

const changes = (states: string[]): string => (states.length === 0 ? 'none' : states.join(' → '));

const tally = (outcomes: Outcome[]): string => {
  const counts = new Map<string, number>();
  for (const { result } of outcomes) counts.set(result, (counts.get(result) ?? 0) + 1);
  return [...counts].map(([result, count]) => `${count} ${result}`).join(', ');
};

async function transientStall(server: LocalServer, proxy: FaultProxy): Promise<string[]> {
  console.log(`\n1. Transient stall: the path is silent for ${seconds(STALL_MS)}, then heals`);
  const client = HPKVClientFactory.createApiClient(server.apiKey, proxy.baseUrl, CONFIG);
  const watcher = watch(client);
  await client.connect();
  await client.set('probe', 'v');
  const acceptedBefore = proxy.acceptedConnections;

  log('blackhole()');
  const mark = watcher.states.length;
  const stalledAt = performance.now();
  proxy.blackhole();
  const write = probe('write in flight at the stall', () => client.set('stall:write', 'sent as the stall began'));
  const probes = await probeFor(client, 'stall', STALL_MS);
  log(`heal(), state ${client.getConnectionState()}`);
  const stallStates = watcher.states.slice(mark);
  proxy.heal();
  const during = await Promise.all(probes);
  const writeOutcome = await write;
  const after: Outcome[] = [];
  for (const n of [1, 2, 3]) after.push(await probe(`after-heal probe ${n}`, () => client.get('probe')));
  const applied = await client.get('stall:write').then(
    () => true,
    () => false,
  );
  const summary = [
    `stall ${seconds(STALL_MS)}: probes sent during it: ${tally(during)}; the write in flight: ${writeOutcome.result} after ${seconds(writeOutcome.ms)}, applied by the server on heal: ${applied ? 'yes' : 'no'}`,
    `  state changes during the stall: ${changes(stallStates)}, reconnect attempts: ${watcher.reconnects()}, new connections: ${proxy.acceptedConnections - acceptedBefore}; after the heal: ${tally(after)}`,
    `  the stall was ${watcher.timing(stalledAt)}`,
  ];
  watcher.stop();
  client.destroy();
  return summary;
}

async function permanentHalfOpen(server: LocalServer, proxy: FaultProxy): Promise<string[]> {
  console.log(`\n2. Permanent half-open path: the flow is dead for good (new connections work), probed for ${seconds(DEAD_MS)}`);
  const client = HPKVClientFactory.createApiClient(server.apiKey, proxy.baseUrl, CONFIG);
  const watcher = watch(client);
  await client.connect();
  await client.get('probe');

  log('strand()');
  const mark = watcher.states.length;
  const strandedAt = performance.now();
  proxy.strand();
  const during = await Promise.all(await probeFor(client, 'dead path', DEAD_MS));
  const deadStates = watcher.states.slice(mark);
  const stateAfter = client.getConnectionState();
  const reconnects = watcher.reconnects();
  const timing = watcher.timing(strandedAt);

  log('manual disconnect() + connect()');
  const recoveryStarted = performance.now();
  await client.disconnect();
  await client.connect();
  const recovery = await probe('probe after the manual reconnect', () => client.get('probe'));
  const recoveryMs = performance.now() - recoveryStarted;
  const summary = [
    `dead path ${seconds(DEAD_MS)}: probes: ${tally(during)}; state changes: ${changes(deadStates)} (${stateAfter} at the end), reconnect attempts: ${reconnects}`,
    `  the dead path was ${timing}`,
    `  manual disconnect() + connect() + one GET: ${seconds(recoveryMs)} (${recovery.result}); connections open at the server: ${server.connectionCount} (the dead one is never closed)`,
  ];
  watcher.stop();
  client.destroy();
  return summary;
}

async function idleDeadPath(server: LocalServer, proxy: FaultProxy): Promise<string[]> {
  console.log(`\n3. Idle on a dead path: stranded with nothing sent, watched for ${seconds(DEAD_MS)}`);
  const client = HPKVClientFactory.createApiClient(server.apiKey, proxy.baseUrl, CONFIG);
  const watcher = watch(client);
  await client.connect();
  await client.get('probe');
  log('strand()');
  const strandedAt = performance.now();
  proxy.strand();
  const deadline = performance.now() + DEAD_MS;
  let noticed = false;
  // Until the client has noticed, and is connected again (or the time is up).
  while (performance.now() < deadline && !(noticed && client.getConnectionState() === 'CONNECTED')) {
    await sleep(50);
    noticed ||= client.getConnectionState() !== 'CONNECTED';
  }
  const summary = [`idle dead path: ${watcher.timing(strandedAt)}`];
  watcher.stop();
  client.destroy();
  return summary;
}

async function main(): Promise<void> {
  console.log(`hpkv-rx on a silent network (issue 11), Node ${process.version}`);
  console.log(`client config: defaults + ${JSON.stringify(CONFIG)}; probe every ${seconds(PROBE_MS)}`);
  const server = await startLocalServer({ port: 0 });
  const proxy = await startFaultProxy(server.baseUrl, { seed: 1 });
  try {
    const summary = [...(await transientStall(server, proxy)), ...(await permanentHalfOpen(server, proxy)), ...(await idleDeadPath(server, proxy))];
    console.log('\nSummary');
    for (const line of summary) console.log(`  ${line}`);
  } finally {
    await proxy.close();
    await server.close();
  }
}

void main();
