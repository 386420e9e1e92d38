import { type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { type BenchSubscriber } from '../clients/bench-client';
import { nowNs } from '../support/stats';

/** Notifications per second the subscriber takes in while the writer process writes `count` keys. */
export async function measureNotifications(subscriber: BenchSubscriber, writer: ChildProcess, count: number): Promise<number> {
  const received = subscriber.received(count);
  const started = nowNs();
  const written = once(writer, 'message');
  writer.send({ count });
  await received;
  const elapsedNs = nowNs() - started;
  await written;
  return count / (elapsedNs / 1e9);
}
