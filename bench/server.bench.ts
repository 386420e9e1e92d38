/**
 * Local server throughput, measured with a bare `ws` client that coalesces its own writes, so
 * the server is what is measured: pipelined GETs on one connection, and notification fan-out
 * to one subscriber. `npm run bench:server`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openWebSocket as open } from './support/open-web-socket';
import { pipeline } from './support/pipeline';
import { spawnServer } from './support/spawn-server';

const TOTAL = 200_000;
const WINDOW = 1024;
const ROUNDS = 3;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const server = await spawnServer();
  const wsBase = server.baseUrl.replace('http', 'ws');
  const writer = await open(`${wsBase}/ws?apiKey=${server.apiKey}`);
  const subscriber = await open(`${wsBase}/ws?token=${encodeURIComponent(await server.token(['fan:*']))}`);
  writer.send(JSON.stringify({ op: 2, key: 'bench:key', value: 'x'.repeat(100), messageId: 0 }));

  const gets: number[] = [];
  const fanout: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    gets.push(await pipeline(writer, TOTAL, WINDOW, (i) => `{"op":1,"key":"bench:key","messageId":${i + 1}}`, () => true));
    process.stdout.write(`round ${round}/${ROUNDS}: pipelined GET ${Math.round(gets.at(-1)!)} replies/s`);
    // The writer's replies are ignored; the subscriber's notifications pace the window.
    writer.on('message', () => undefined);
    fanout.push(await pipeline(writer, TOTAL / 2, WINDOW, (i) => `{"op":2,"key":"fan:${i % 100}","value":"v${i}","messageId":${i + 1}}`, (data) => data.startsWith('{"type"'), subscriber));
    writer.removeAllListeners('message');
    console.log(`, fan-out ${Math.round(fanout.at(-1)!)} notifications/s`);
  }
  const results = {
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
    pipelinedGetRepliesPerSecond: Math.round(median(gets)),
    notificationsPerSecond: Math.round(median(fanout)),
    window: WINDOW,
    rounds: ROUNDS,
  };
  console.log(`median over ${ROUNDS} rounds: ${results.pipelinedGetRepliesPerSecond} GET replies/s pipelined (${WINDOW} in flight), ${results.notificationsPerSecond} notifications/s to one subscriber`);
  await mkdir(resolve(__dirname, 'results'), { recursive: true });
  await writeFile(resolve(__dirname, 'results/server.json'), `${JSON.stringify(results, null, 2)}\n`);
  writer.close();
  subscriber.close();
  await server.stop();
}

void main();
