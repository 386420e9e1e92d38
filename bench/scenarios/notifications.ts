import { type BenchSubscriber } from '../clients/bench-client';
import { type StubServer } from '../support/stub-server-process';

/** Result of one firehose run. */
export interface NotificationResult {
  perSecond: number;
  /** This process's CPU per notification, µs: steadier than the rate when the machine is shared. */
  cpuMicros: number;
  /** Share of the run this process spent on a CPU (every thread): well below 1, something else ran. */
  clientBusy: number;
  /** Share of the run the firehose spent on a CPU: well below 1 means it was not the limit. */
  serverBusy: number;
}

/**
 * Notifications per second the subscriber takes in while the stub server writes `count` of them
 * as fast as the socket drains, timed from the first notification received to the last.
 */
export async function measureNotifications(subscriber: BenchSubscriber, stub: StubServer, count: number): Promise<NotificationResult> {
  const received = subscriber.received(count);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const serverCpuMicros = await stub.fire(count);
  const elapsedMs = await received;
  const { user, system } = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - started;
  return { perSecond: (count - 1) / (elapsedMs / 1000), cpuMicros: (user + system) / count, clientBusy: (user + system) / 1000 / wallMs, serverBusy: serverCpuMicros / 1000 / wallMs };
}
