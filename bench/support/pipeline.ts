import { type Socket } from 'node:net';
import type WebSocket from 'ws';

/** Sends `frame(i)` for i < total keeping `window` unanswered; resolves with replies per second. */
export function pipeline(ws: WebSocket, total: number, window: number, frame: (i: number) => string, isReply: (data: string) => boolean, receiver = ws): Promise<number> {
  const socket = (ws as unknown as { _socket: Socket })._socket;
  let sent = 0;
  let received = 0;
  const started = process.hrtime.bigint();
  return new Promise((done) => {
    const fill = (): void => {
      socket.cork();
      while (sent < total && sent - received < window) ws.send(frame(sent++));
      socket.uncork();
    };
    receiver.on('message', (data) => {
      if (!isReply(data.toString())) return;
      received++;
      if (received === total) {
        receiver.removeAllListeners('message');
        done(total / (Number(process.hrtime.bigint() - started) / 1e9));
      } else if (sent - received <= window / 2) fill();
    });
    fill();
  });
}
