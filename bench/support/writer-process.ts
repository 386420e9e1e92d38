/**
 * Writes SETs for the notification benchmark from its own process, so the writer never takes
 * CPU from the subscriber being measured. Parent sends `{ count }`, gets `{ done: true }`.
 */
import { type Socket } from 'node:net';
import WebSocket from 'ws';

const [baseUrl, apiKey] = process.argv.slice(2);
const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/ws?apiKey=${encodeURIComponent(apiKey)}`, { perMessageDeflate: false });
const WINDOW = 512;

ws.once('open', () => {
  const socket = (ws as unknown as { _socket: Socket })._socket;
  let sent = 0;
  let answered = 0;
  let total = 0;
  const fill = (): void => {
    socket.cork();
    while (sent < total && sent - answered < WINDOW) ws.send(`{"op":2,"key":"fan:${sent % 64}","value":"value-${sent}","messageId":${++sent}}`);
    socket.uncork();
  };
  ws.on('message', () => {
    answered++;
    if (answered === total) process.send!({ done: true });
    else if (sent - answered <= WINDOW / 2) fill();
  });
  process.on('message', (message: { count?: number; stop?: boolean }) => {
    if (message.stop) {
      ws.close();
      process.disconnect();
      return;
    }
    total += message.count!;
    fill();
  });
  process.send!({ ready: true });
});
