/** What `npm run bench` writes to bench/results/latest.json. */
export interface Report {
  date: string;
  machine: Record<string, string | number>;
  versions: Record<string, string>;
  rounds: number;
  quick: boolean;
  /** client → metric → median */
  medians: Record<string, Record<string, number>>;
  /** client → metric → one value per round */
  samples: Record<string, Record<string, number[]>>;
}

const METRICS: [string, string][] = [
  ['throughput@1', 'GET/s, 1 in flight'],
  ['throughput@64', 'GET/s, 64 in flight'],
  ['throughput@1024', 'GET/s, 1024 in flight'],
  ['p50Micros', 'latency p50 µs (1 in flight)'],
  ['p99Micros', 'latency p99 µs (1 in flight)'],
  ['cpuMicros@1024', 'client CPU µs/request @1024'],
  ['heapBytes@10000', 'heap B/pending (10 000)'],
  ['heapBytes@100000', 'heap B/pending (100 000)'],
  ['notificationsPerSecond', 'notifications/s'],
];

function format(value: number | undefined): string {
  if (value === undefined) return '—';
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 100 ? 0 : 1);
}

/** Target lines: [label, ours metric client, ours value, reference, limit, higher is better]. */
function targets(report: Report): string[] {
  const m = report.medians;
  const ours = m['hpkv-rx (Promise)'] ?? {};
  const obs = m['hpkv-rx (Observable)'] ?? {};
  const official = m['official SDK'] ?? {};
  const raw = m['raw ws'] ?? {};
  const watch = m['hpkv-rx watch$()'] ?? {};
  const rawNotify = m['raw ws + JSON.parse'] ?? {};
  const lines: [string, number, number, boolean][] = [
    ['throughput @1024 vs official SDK (≥ 3×)', ours['throughput@1024'] / official['throughput@1024'], 3, true],
    ['throughput @1024 vs raw ws (≥ 2×)', ours['throughput@1024'] / raw['throughput@1024'], 2, true],
    ['Observable throughput @1024 vs official SDK', obs['throughput@1024'] / official['throughput@1024'], 3, true],
    ['p50 latency vs raw ws (≤ 1.1×)', ours.p50Micros / raw.p50Micros, 1.1, false],
    ['client CPU µs/request @1024 (≤ 5 µs)', ours['cpuMicros@1024'], 5, false],
    ['heap bytes per pending request, 100 000 (≤ 400)', ours['heapBytes@100000'], 400, false],
    ['notifications watch$ vs raw ws + JSON.parse (≥ 0.95×)', watch.notificationsPerSecond / rawNotify.notificationsPerSecond, 0.95, true],
  ];
  return lines.map(([label, value, limit, higher]) => {
    if (!Number.isFinite(value)) return `  ?  ${label}: not measured`;
    const met = higher ? value >= limit : value <= limit;
    return `  ${met ? '✓' : '✗'}  ${label}: ${value.toFixed(2)}`;
  });
}

export function printReport(report: Report): void {
  const clients = Object.keys(report.medians);
  const width = Math.max(...METRICS.map(([, label]) => label.length));
  const header = ['metric'.padEnd(width), ...clients.map((client) => client.padStart(22))].join(' │ ');
  console.log(`\nmedians over ${report.rounds} rounds — ${report.machine.cpu} ×${report.machine.cores}, node ${report.machine.node}`);
  console.log(header);
  console.log('─'.repeat(header.length));
  for (const [metric, label] of METRICS) {
    const cells = clients.map((client) => format(report.medians[client][metric]).padStart(22));
    if (cells.every((cell) => cell.trim() === '—')) continue;
    console.log([label.padEnd(width), ...cells].join(' │ '));
  }
  console.log('\ntargets (ratios measured in this run):');
  for (const line of targets(report)) console.log(line);
}
