import { openWebSocket as open } from '../support/open-web-socket';
import { NotificationCounter } from './notification-counter';
import { type BenchSubscriber, type BenchTarget } from './bench-client';

/** Raw notifications: `ws` + `JSON.parse` per frame, nothing else. The notification reference. */
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
