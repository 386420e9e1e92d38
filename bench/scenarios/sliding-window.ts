import { type BenchClient, type Settle } from '../clients/bench-client';

/** Result of one sliding-window run. */
export interface WindowResult {
  requestsPerSecond: number;
  /** This process's CPU (user + system, every thread: GC helpers included) per request, µs. */
  cpuMicrosPerRequest: number;
  /** Share of the run this process spent on a CPU: well below 1 at 1,024 in flight, something else ran. */
  clientBusy: number;
  elapsedMs: number;
  /** Round-trip time of each request, µs: only with one in flight, where it is unambiguous. */
  latenciesMicros?: Float64Array;
}

/** A run in which nothing settles for this long has hung: it fails instead of waiting forever. */
const STALL_MS = 15_000;

/**
 * A sliding window of GETs: `inFlight` outstanding at a time, each settled request issuing the
 * next, until `total` have settled. The first error ends the run (a bench run answers every GET).
 *
 * The harness costs the same for every client: per request it bumps two counters and calls
 * `client.get(key, this)`, passing itself as the outcome sink; `next`, `error` and `complete` are
 * allocated once per run, never per request (no closure, no Promise, no `await` of the
 * harness's own). What each adapter adds is the least its library's form allows: one `then()`
 * on the returned Promise, or one `subscribe()` of the Observable with this observer. A reply
 * settles the request: with an Observable the next GET is issued from inside `next`, before the
 * previous one completes (its teardown still runs, and is counted, right after).
 */
class SlidingWindow implements Settle {
  private issued = 0;
  private settled = 0;
  private issuedAt = 0;
  private finished = false;

  constructor(
    private readonly client: BenchClient,
    private readonly key: string,
    private readonly total: number,
    private readonly latencies: Float64Array | undefined,
    private readonly done: (error?: unknown) => void,
  ) {}

  readonly next = (): void => {
    if (this.finished) return;
    if (this.latencies !== undefined) this.latencies[this.settled] = (performance.now() - this.issuedAt) * 1000;
    if (++this.settled === this.total) this.finish();
    else if (this.issued < this.total) this.issue();
  };

  readonly error = (error: unknown): void => {
    if (!this.finished) this.finish(error ?? new Error(`${this.client.name}: a request failed without a reason`));
  };

  readonly complete = (): void => undefined;

  issue(): void {
    this.issued++;
    if (this.latencies !== undefined) this.issuedAt = performance.now();
    this.client.get(this.key, this);
  }

  /** How many have settled: the stall check reads it. */
  get progress(): number {
    return this.settled;
  }

  finish(error?: unknown): void {
    this.finished = true;
    this.done(error);
  }
}

export function slidingWindow(client: BenchClient, key: string, inFlight: number, total: number): Promise<WindowResult> {
  return new Promise((resolve, reject) => {
    const latencies = inFlight === 1 ? new Float64Array(total) : undefined;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let seen = -1;
    const stall = setInterval(() => {
      if (window.progress === seen) window.finish(new Error(`${client.name}: no request settled in ${STALL_MS / 1000} s (${inFlight} in flight)`));
      seen = window.progress;
    }, STALL_MS);
    const window = new SlidingWindow(client, key, total, latencies, (error) => {
      const elapsedMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      clearInterval(stall);
      const cpuMicros = cpu.user + cpu.system;
      if (error !== undefined) reject(error);
      else resolve({ requestsPerSecond: total / (elapsedMs / 1000), cpuMicrosPerRequest: cpuMicros / total, clientBusy: cpuMicros / 1000 / elapsedMs, elapsedMs, latenciesMicros: latencies });
    });
    try {
      for (let i = 0; i < Math.min(inFlight, total); i++) window.issue();
    } catch (error) {
      window.finish(error);
    }
  });
}
