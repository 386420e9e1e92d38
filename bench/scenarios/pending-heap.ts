import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchClient } from '../clients/bench-client';

declare const gc: (() => void) | undefined;

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await sleep(20);
  }
  return process.memoryUsage().heapUsed;
}

/**
 * Heap bytes per pending request: `count` GETs against a server that never answers, measured
 * after full GCs before and after. Needs `node --expose-gc`.
 */
export async function measurePendingHeap(client: BenchClient, count: number): Promise<number> {
  if (typeof gc !== 'function') throw new Error('run the benchmark with node --expose-gc');
  const before = await settledHeap();
  const pending: Promise<unknown>[] = new Array(count);
  for (let i = 0; i < count; i++) {
    // Long timeouts: nothing may expire during the measurement.
    pending[i] = client.get('bench:key', 600_000).catch(() => undefined);
  }
  await sleep(200); // let every frame leave the process
  const after = await settledHeap();
  const perRequest = (after - before) / count;
  await client.close();
  await Promise.all(pending);
  return perRequest;
}
