/**
 * Server memory toward a client that never reads: it pipelines 2,000 GETs of a 100 KB value
 * over a raw socket and reads nothing. Prints the server's RSS before, once the server has
 * settled with the slow client connected, and after the client disconnects.
 * `npm run bench:slow-reader` (this checkout), or `-- /path/to/other/checkout` to compare.
 */
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openWebSocket } from './support/open-web-socket';
import { spawnServer } from './support/spawn-server';

const REQUESTS = 2000;
const VALUE_BYTES = 100 * 1024;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Samples RSS every 250 ms until three samples in a row are within 1 MB (a bench may sleep). */
async function settledRssMb(pid: number): Promise<number> {
  const samples = [await rssMb(pid)];
  for (;;) {
    await sleep(250);
    samples.push(await rssMb(pid));
    const last = samples.slice(-3);
    if (last.length === 3 && Math.max(...last) - Math.min(...last) < 1) return last[2];
  }
}

function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), Buffer.alloc(4), payload]);
}

async function main(): Promise<void> {
  const root = process.argv[2] === undefined ? resolve(__dirname, '..') : resolve(process.argv[2]);
  const server = await spawnServer([], resolve(root, 'lib/server/cli.ts'));
  const writer = await openWebSocket(`${server.baseUrl.replace('http', 'ws')}/ws?apiKey=${server.apiKey}`);
  writer.send(JSON.stringify({ op: 2, key: 'big', value: 'v'.repeat(VALUE_BYTES), messageId: 1 }));
  await new Promise((done) => writer.once('message', done));
  const idle = await settledRssMb(server.pid);

  const slow = connect(Number(new URL(server.baseUrl).port), '127.0.0.1');
  slow.write(
    `GET /ws?apiKey=${server.apiKey} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  await new Promise((done) => slow.once('data', done));
  slow.pause();
  slow.write(Buffer.concat(Array.from({ length: REQUESTS }, (_, i) => maskedTextFrame(`{"op":1,"key":"big","messageId":${i + 1}}`))));
  const loaded = await settledRssMb(server.pid);

  slow.destroy();
  // The server is still responsive, and its memory after the slow client left:
  writer.send(JSON.stringify({ op: 1, key: 'big', messageId: 2 }));
  await new Promise((done) => writer.once('message', done));
  const after = await settledRssMb(server.pid);
  console.log(`${root}: server RSS ${idle.toFixed(0)} MB idle, ${loaded.toFixed(0)} MB with the slow reader (${REQUESTS} GETs of ${VALUE_BYTES / 1024} KB unread), ${after.toFixed(0)} MB after it left`);
  writer.close();
  await server.stop();
}

void main();
