import { openWebSocket as open } from '../support/open-web-socket';
import { NotificationCounter } from './notification-counter';
import { type BenchClient, type BenchSubscriber, type BenchTarget } from './bench-client';

/**
 * The floor: a bare `ws` client, one `send` (so one socket write) per frame, a Map of pending
 * promises, JSON.parse per reply. What a hand-written client costs.
 */
export async function rawWsClient(target: BenchTarget): Promise<BenchClient> {
  const ws = await open(`${target.baseUrl.replace('http', 'ws')}/ws?apiKey=${encodeURIComponent(target.apiKey)}`);
  const pending = new Map<number, { resolve: (reply: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  ws.on('message', (data) => {
    const reply = JSON.parse(data.toString()) as { messageId?: number; code?: number; error?: string };
    const request = reply.messageId === undefined ? undefined : pending.get(reply.messageId);
    if (request === undefined) return;
    pending.delete(reply.messageId!);
    if (reply.code === 200) request.resolve(reply);
    else request.reject(new Error(reply.error));
  });
  return {
    name: 'raw ws',
    get(key) {
      const messageId = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(messageId, { resolve, reject });
        ws.send(JSON.stringify({ op: 1, key, messageId }));
      });
    },
    async close() {
      ws.close();
      for (const request of pending.values()) request.reject(new Error('closed'));
      pending.clear();
    },
  };
}

/** Raw notifications: `ws` + `JSON.parse` per frame, nothing else. */
export async function rawWsSubscriber(target: BenchTarget, token: string): Promise<BenchSubscriber> {
  const ws = await open(`${target.baseUrl.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`);
  const counter = new NotificationCounter();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type?: string };
    if (frame.type === 'notification') counter.tick();
  });
  return {
    name: 'raw ws + JSON.parse',
    received: (total) => counter.received(total),
    async close() {
      ws.close();
    },
  };
}
