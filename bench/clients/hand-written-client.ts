import { type Socket } from 'node:net';
import { openWebSocket as open } from '../support/open-web-socket';
import { type BenchClient, type BenchTarget } from './bench-client';

interface Pending {
  resolve: (reply: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * What a hand-written client costs: a bare `ws` socket, a `Map` of pending requests, one
 * Promise per request, `JSON.parse` per reply, no timeouts, no validation. With `coalesce`,
 * frames sent in one event-loop turn leave in one socket write (the TCP socket is corked on the
 * first send of a turn and uncorked on the next tick, as lib/client/node-web-socket.ts does).
 */
async function handWrittenClient(target: BenchTarget, name: string, coalesce: boolean): Promise<BenchClient> {
  const ws = await open(`${target.baseUrl.replace('http', 'ws')}/ws?apiKey=${encodeURIComponent(target.apiKey)}`);
  const socket = (ws as unknown as { _socket: Socket })._socket;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  ws.on('message', (data) => {
    const reply = JSON.parse(data.toString()) as { messageId?: number; code?: number; error?: string };
    const request = reply.messageId === undefined ? undefined : pending.get(reply.messageId);
    if (request === undefined) return;
    pending.delete(reply.messageId!);
    if (reply.code === 200) request.resolve(reply);
    else request.reject(new Error(reply.error));
  });
  return {
    name,
    get(key, settle) {
      const messageId = nextId++;
      new Promise((resolve, reject) => {
        pending.set(messageId, { resolve, reject });
        if (coalesce && !corked) {
          corked = true;
          socket.cork();
          process.nextTick(uncork);
        }
        ws.send(JSON.stringify({ op: 1, key, messageId }));
      }).then(settle.next, settle.error);
    },
    async close() {
      ws.close();
      for (const request of pending.values()) request.reject(new Error('closed'));
      pending.clear();
    },
  };
}

/** The floor of issue 10: writes coalesced per event-loop turn. */
export const floorClient = (target: BenchTarget): Promise<BenchClient> => handWrittenClient(target, 'floor', true);

/** Bare `ws`, one `send` (so one socket write) per frame: the p50 latency reference. */
export const bareWsClient = (target: BenchTarget): Promise<BenchClient> => handWrittenClient(target, 'bare ws', false);
