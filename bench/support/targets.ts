import { ratioByRound, spread, type Spread } from './stats';

/** client name → metric → one value per measured round */
export type Samples = Record<string, Record<string, number[]>>;

/** An issue-10 target: `client`'s `metric` against `reference`'s (a ratio), or against `limit` alone. */
interface Target {
  label: string;
  metric: string;
  client: string;
  reference?: string;
  limit: number;
  higherIsBetter: boolean;
  /**
   * For a rate: the CPU-time metric that reads the same target while the client is CPU-bound
   * (rate ratio = inverse CPU ratio), and stays steady when other work shares the machine.
   */
  cpuMetric?: string;
}

const PROMISE = 'hpkv-rx Promise';
const OBSERVABLE = 'hpkv-rx Observable';

/** The targets of issue 10, each for both forms where the issue says "both". */
const TARGETS: Target[] = [
  ...[PROMISE, OBSERVABLE].flatMap((client): Target[] => [
    { label: `${client}: GET/s @1024 vs floor`, metric: 'throughput@1024', client, reference: 'floor', limit: 0.8, higherIsBetter: true, cpuMetric: 'cpuMicros@1024' },
    { label: `${client}: GET/s @1024 vs official SDK`, metric: 'throughput@1024', client, reference: 'official SDK', limit: 2, higherIsBetter: true, cpuMetric: 'cpuMicros@1024' },
    { label: `${client}: client CPU/request @1024 vs floor`, metric: 'cpuMicros@1024', client, reference: 'floor', limit: 1.25, higherIsBetter: false },
    { label: `${client}: p50 latency, 1 in flight, vs bare ws`, metric: 'p50Micros', client, reference: 'bare ws', limit: 1.1, higherIsBetter: false },
  ]),
  { label: `${PROMISE}: heap/pending (100 000) vs floor`, metric: 'heapBytes@100000', client: PROMISE, reference: 'floor', limit: 1.3, higherIsBetter: false },
  { label: `${OBSERVABLE}: heap/pending (100 000)`, metric: 'heapBytes@100000', client: OBSERVABLE, limit: 600, higherIsBetter: false },
  ...['hpkv-rx watch$()', 'hpkv-rx subscribe()'].map((client): Target => ({
    label: `${client}: notifications/s (firehose) vs raw ws + JSON.parse`,
    metric: 'notificationsPerSecond',
    client,
    reference: 'raw ws + JSON.parse',
    limit: 0.9,
    higherIsBetter: true,
    cpuMetric: 'cpuMicrosPerNotification',
  })),
];

/** A target as measured in one run: undefined figures when a client or scenario was left out. */
export interface TargetResult extends Spread {
  label: string;
  limit: number;
  higherIsBetter: boolean;
  /** A ratio to a reference client (else an absolute figure, in bytes). */
  ratio: boolean;
  /** The median meets the limit. */
  met: boolean;
  /** Some rounds meet the limit and some do not: this run does not settle it. */
  roundsDisagree: boolean;
  /** The same ratio read from CPU time (reference's CPU per operation ÷ ours), where it applies. */
  fromCpu?: Spread;
}

export function evaluateTargets(samples: Samples): (TargetResult | { label: string; notMeasured: true })[] {
  return TARGETS.map(({ label, metric, client, reference, limit, higherIsBetter, cpuMetric }) => {
    const ours = samples[client]?.[metric];
    const figure = reference === undefined ? (ours === undefined ? undefined : spread(ours)) : ratioByRound(ours, samples[reference]?.[metric]);
    if (figure === undefined) return { label, notMeasured: true as const };
    const meets = (value: number): boolean => (higherIsBetter ? value >= limit : value <= limit);
    const fromCpu = cpuMetric === undefined || reference === undefined ? undefined : ratioByRound(samples[reference]?.[cpuMetric], samples[client]?.[cpuMetric]);
    return { label, limit, higherIsBetter, ratio: reference !== undefined, ...figure, met: meets(figure.median), roundsDisagree: meets(figure.min) !== meets(figure.max), fromCpu };
  });
}

/** One line per target: ✓/✗, the median over rounds, [lowest–highest round], the limit. */
export function formatTarget(result: TargetResult): string {
  const value = (v: number): string => (result.ratio ? `${v.toFixed(2)}×` : `${v.toFixed(0)} B`);
  const limit = `${result.higherIsBetter ? '≥' : '≤'} ${value(result.limit)}`;
  const disagree = result.roundsDisagree ? ' (rounds disagree)' : '';
  const cpu = result.fromCpu === undefined ? '' : `; from CPU time ${value(result.fromCpu.median)} [${value(result.fromCpu.min)}–${value(result.fromCpu.max)}]`;
  return `  ${result.met ? '✓' : '✗'}  ${result.label}: ${value(result.median)} [${value(result.min)}–${value(result.max)}], target ${limit}${disagree}${cpu}`;
}
