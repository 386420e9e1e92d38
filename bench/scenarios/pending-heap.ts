import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchClient, type Settle } from '../clients/bench-client';
import { type StubServer } from '../support/stub-server-process';

declare const gc: (() => void) | undefined;

/** Heap in use after full collections, once nothing more is freed. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await sleep(20);
  }
  return process.memoryUsage().heapUsed;
}

/** Counts outcomes: one object for every request, so the harness holds nothing per request. */
class Outcomes implements Settle {
  count = 0;
  readonly next = (): void => void this.count++;
  readonly error = (): void => void this.count++;
  readonly complete = (): void => undefined;
}

/**
 * Heap bytes per pending request, the same way for every client: GETs against the stub server
 * (which never answers), heap measured after full collections before and once the stub has
 * received every frame (so nothing waits in the client's socket buffers), for each cumulative
 * count in `counts`. The harness holds nothing per request (one outcome counter for all of
 * them): what it costs per request is the adapter's `then()` or `subscribe()`, and what the
 * floor measures. Then closes the client and checks that every request settled. Needs
 * `node --expose-gc`.
 */
export async function measurePendingHeap(client: BenchClient, stub: StubServer, counts: number[]): Promise<number[]> {
  if (typeof gc !== 'function') throw new Error('run the benchmark with node --expose-gc');
  const outcomes = new Outcomes();
  const receivedBefore = await stub.received();
  const before = await settledHeap();
  const perRequest: number[] = [];
  let issued = 0;
  for (const count of counts) {
    // Long timeouts: nothing may expire during the measurement.
    for (; issued < count; issued++) client.get('bench:key', outcomes, 600_000);
    while ((await stub.received()) - receivedBefore < count) await sleep(20);
    perRequest.push(((await settledHeap()) - before) / count);
  }
  await client.close();
  for (let waited = 0; outcomes.count < issued && waited < 5_000; waited += 20) await sleep(20);
  if (outcomes.count < issued) console.warn(`  ! ${client.name}: ${issued - outcomes.count} of ${issued} pending requests never settled after close()`);
  return perRequest;
}
