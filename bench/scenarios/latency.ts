import { type BenchClient } from '../clients/bench-client';
import { nowNs, percentile } from '../support/stats';

/** Round-trip time with one request in flight, microseconds. */
export interface LatencyResult {
  p50: number;
  p99: number;
}

export async function measureLatency(client: BenchClient, count: number): Promise<LatencyResult> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = nowNs();
    await client.get('bench:key');
    samples.push((nowNs() - started) / 1000);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}
