import { type BenchClient } from '../clients/bench-client';
import { nowNs } from '../support/stats';

/** Result of one pipelined run. */
export interface ThroughputResult {
  requestsPerSecond: number;
  /** Client process CPU (user + system) per request, microseconds. */
  cpuMicrosPerRequest: number;
}

/** Keeps `inFlight` GETs outstanding until `total` have been answered. */
export async function measureThroughput(client: BenchClient, inFlight: number, total: number): Promise<ThroughputResult> {
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (issued < total) {
      issued++;
      await client.get('bench:key');
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = nowNs();
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
  const elapsedNs = nowNs() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requestsPerSecond: total / (elapsedNs / 1e9),
    cpuMicrosPerRequest: (cpu.user + cpu.system) / total,
  };
}
