/**
 * Write throughput of the local server, in memory and with `--data` (every SET on disk before
 * its reply): acknowledged SETs per second, pipelined on one connection.
 * `npx tsx bench/server-writes.bench.ts`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openWebSocket as open } from './support/open-web-socket';
import { pipeline } from './support/pipeline';
import { spawnServer } from './support/spawn-server';

const TOTAL = 100_000;
const WINDOW = 1024;
const ROUNDS = 3;
const VALUE = 'x'.repeat(100);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(label: string, args: string[]): Promise<number> {
  const server = await spawnServer(args);
  const ws = await open(`${server.baseUrl.replace('http', 'ws')}/ws?apiKey=${server.apiKey}`);
  const rates: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    rates.push(await pipeline(ws, TOTAL, WINDOW, (i) => `{"op":2,"key":"w:${i % 10_000}","value":"${VALUE}","messageId":${i + 1}}`, () => true));
    console.log(`${label} round ${round}/${ROUNDS}: ${Math.round(rates.at(-1)!)} acknowledged SETs/s`);
  }
  ws.close();
  await server.stop();
  return Math.round(median(rates));
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hpkv-bench-'));
  try {
    const memory = await measure('in memory', []);
    const durable = await measure('--data', ['--data', join(dir, 'store.json')]);
    const results = { machine: { node: process.version, cpus: cpus().length }, memorySetsPerSecond: memory, durableSetsPerSecond: durable, window: WINDOW, rounds: ROUNDS };
    console.log(`median over ${ROUNDS} rounds, ${WINDOW} in flight: ${memory} SETs/s in memory, ${durable} SETs/s with --data`);
    await mkdir(resolve(__dirname, 'results'), { recursive: true });
    await writeFile(resolve(__dirname, 'results/server-writes.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
