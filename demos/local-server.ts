/**
 * The local server on its own: start it embedded, talk HPKV's wire protocol to it with a bare
 * WebSocket, watch a notification arrive. `npx tsx demos/local-server.ts`
 */
import WebSocket from 'ws';
import { startLocalServer } from '../lib/server';

async function main(): Promise<void> {
  const server = await startLocalServer();
  console.log(`local HPKV server at ${server.baseUrl} (api key: ${server.apiKey})`);

  const token = server.issueToken({ subscribePatterns: ['demo:*'] });
  const ws = new WebSocket(`${server.baseUrl.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`);
  await new Promise((resolve) => ws.once('open', resolve));

  const frames: string[] = [];
  const done = new Promise<void>((resolve) =>
    ws.on('message', (data) => {
      frames.push(data.toString());
      console.log('←', data.toString());
      if (frames.length === 4) resolve();
    }),
  );
  for (const request of [
    { op: 2, key: 'demo:greeting', value: 'hello', messageId: 1 },
    { op: 1, key: 'demo:greeting', messageId: 2 },
    { op: 1, key: 'demo:missing', messageId: 3 },
  ]) {
    console.log('→', JSON.stringify(request));
    ws.send(JSON.stringify(request));
  }
  await done;
  ws.close();
  await server.close();
}

void main();
