import { type Environment } from './environment';
import { median, ratioByRound, relativeSpread, spread } from './stats';
import { type evaluateTargets, formatTarget, type Samples, type TargetResult } from './targets';

/** What `npm run bench` prints and writes to bench/results/latest.json. */
export interface Report {
  date: string;
  environment: Environment;
  /** Measured rounds (a warm-up round before them is not recorded). */
  rounds: number;
  quick: boolean;
  scenarios: string[];
  sizes: Record<string, number | number[]>;
  samples: Samples;
  /** client → metric → median over rounds */
  medians: Record<string, Record<string, number>>;
  /** client → metric → (max − min) / median over rounds */
  spread: Record<string, Record<string, number>>;
  targets: ReturnType<typeof evaluateTargets>;
}

/** A client on a CPU less than this share of a rate run was held back by something else. */
const CPU_BOUND = 0.8;

interface Metric {
  key: string;
  label: string;
  /** A share (0–1) printed as a percentage; not put in the ratio table. */
  share?: boolean;
}

const REQUEST_METRICS: Metric[] = [
  { key: 'throughput@1', label: 'GET/s, 1 in flight' },
  { key: 'throughput@64', label: 'GET/s, 64 in flight' },
  { key: 'throughput@1024', label: 'GET/s, 1024 in flight' },
  { key: 'p50Micros', label: 'latency p50 µs, 1 in flight' },
  { key: 'p99Micros', label: 'latency p99 µs, 1 in flight' },
  { key: 'cpuMicros@1024', label: 'client CPU µs/GET @1024' },
  { key: 'heapBytes@10000', label: 'heap B/pending (10 000)' },
  { key: 'heapBytes@100000', label: 'heap B/pending (100 000)' },
  { key: 'clientBusy@1024', label: 'client busy @1024', share: true },
  { key: 'serverBusy@1024', label: 'server busy @1024', share: true },
];

const NOTIFICATION_METRICS: Metric[] = [
  { key: 'notificationsPerSecond', label: 'notifications/s (firehose)' },
  { key: 'cpuMicrosPerNotification', label: 'client CPU µs/notification' },
  { key: 'subscriberBusy', label: 'subscriber busy', share: true },
  { key: 'firehoseBusy', label: 'firehose busy', share: true },
];

export function summarise(samples: Samples): Pick<Report, 'medians' | 'spread'> {
  const each = (f: (values: number[]) => number): Record<string, Record<string, number>> =>
    Object.fromEntries(Object.entries(samples).map(([client, metrics]) => [client, Object.fromEntries(Object.entries(metrics).map(([metric, values]) => [metric, f(values)]))]));
  return { medians: each(median), spread: each((values) => relativeSpread(spread(values))) };
}

function format(value: number | undefined, share = false): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (share) return `${(value * 100).toFixed(0)}%`;
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 100 ? 0 : 1);
}

/** Rows of metrics × clients: the medians (± run-to-run spread), then each client ÷ the first. */
function printTables(title: string, metrics: Metric[], clients: string[], report: Report): void {
  const present = metrics.filter(({ key }) => clients.some((client) => report.samples[client]?.[key] !== undefined));
  if (present.length === 0) return;
  const width = Math.max(...present.map(({ label }) => label.length));
  const columns = clients.map((client) => Math.max(client.length, 14));
  const row = (label: string, cells: string[]): string => [label.padEnd(width), ...cells.map((cell, i) => cell.padStart(columns[i]))].join(' │ ');
  const table = (heading: string, cell: (client: string, metric: Metric) => string, rows = present): void => {
    console.log(`\n${heading}`);
    const header = row('', clients);
    console.log(header);
    console.log('─'.repeat(header.length));
    for (const metric of rows) console.log(row(metric.label, clients.map((client) => cell(client, metric))));
  };
  table(`${title}: medians of ${report.rounds} rounds, ± run-to-run spread ((max − min) / median)`, (client, { key, share }) => {
    const value = report.medians[client]?.[key];
    return value === undefined ? '—' : `${format(value, share)} ±${(report.spread[client][key] * 100).toFixed(0)}%`;
  });
  const reference = clients[0];
  const ratioRows = present.filter(({ share }) => !share);
  if (report.samples[reference] === undefined || ratioRows.length === 0) return;
  table(
    `${title}: ÷ ${reference}, round by round, median (higher is better for GET/s and notifications/s, lower for µs and B)`,
    (client, { key }) => {
      const ratio = ratioByRound(report.samples[client]?.[key], report.samples[reference][key]);
      return ratio === undefined ? '—' : `${ratio.median.toFixed(2)}×`;
    },
    ratioRows,
  );
}

export function printReport(report: Report, requestClients: string[], subscribers: string[]): void {
  const { machine, commit, load } = report.environment;
  console.log(`\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; hpkv-rx at ${commit}`);
  console.log(`load average ${load.start.toFixed(1)} at the start, ${load.end?.toFixed(1) ?? '?'} at the end: above 0 the figures share the CPUs with other work`);
  printTables('requests', REQUEST_METRICS, requestClients, report);
  printTables('notifications', NOTIFICATION_METRICS, subscribers, report);
  const busy = Object.values(report.medians).flatMap((metrics) => [metrics['clientBusy@1024'], metrics.subscriberBusy].filter((value) => value !== undefined));
  if (busy.length > 0 && median(busy) < CPU_BOUND) {
    console.log(`\n! The clients were on a CPU only ${(median(busy) * 100).toFixed(0)}% of their rate runs (median): other work held the CPUs, so the`);
    console.log('  rates, and their ratios, measure that load as much as the clients. CPU time per operation and heap are the steady readings.');
  }
  console.log('\ntargets of issue 10: median over rounds [lowest–highest round]');
  const measured = report.targets.filter((target): target is TargetResult => !('notMeasured' in target));
  for (const target of measured) console.log(formatTarget(target));
  const left = report.targets.length - measured.length;
  if (left > 0) console.log(`  (${left} of ${report.targets.length} not measured in this run: their clients or scenarios were left out)`);
}
