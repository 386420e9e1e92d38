import { HPKVError } from '../client';

/** A fault the proxy can inject on a schedule. */
export type FaultKind = 'cut' | 'stall';

/** Options for a randomized fault run (`FaultProxy.chaos`). Every range is `[min, max]` in ms. */
export interface ChaosOptions {
  /** How many faults to inject; the run ends after the last one. At most 10 000. */
  faults: number;
  /** Quiet time before each fault, drawn uniformly from the range. */
  gapMs: readonly [number, number];
  /**
   * Faults to draw from, equally likely: `cut` resets every connection, `stall` blackholes the
   * network and heals it after `stallMs`.
   * @default ['cut', 'stall']
   */
  kinds?: readonly FaultKind[];
  /** How long a stall lasts, drawn uniformly from the range. @default [100, 1000] */
  stallMs?: readonly [number, number];
  /** Seed of this run's schedule. @default the proxy's seed */
  seed?: number;
}

/** One fault of a schedule: `atMs` after the run started, lasting `durationMs` (0 for a cut). */
export interface PlannedFault {
  readonly atMs: number;
  readonly kind: FaultKind;
  readonly durationMs: number;
}

const MAX_FAULTS = 10_000;

/**
 * The schedule of a chaos run, decided up front from `random` alone, so the same seed gives the
 * same schedule whatever the traffic does. Faults never overlap: each starts after the previous
 * one has healed, and the whole run is finite.
 * @throws HPKVError (code 400) naming a bad option.
 */
export function planFaults(random: () => number, options: ChaosOptions): PlannedFault[] {
  const { faults, gapMs, kinds = ['cut', 'stall'], stallMs = [100, 1000] } = options;
  if (!Number.isInteger(faults) || faults < 0 || faults > MAX_FAULTS) {
    throw new HPKVError(`Invalid ChaosOptions: faults must be an integer from 0 to ${MAX_FAULTS}, got ${faults}`, 400);
  }
  checkRange('gapMs', gapMs);
  checkRange('stallMs', stallMs);
  if (kinds.length === 0 || kinds.some((kind) => kind !== 'cut' && kind !== 'stall')) {
    throw new HPKVError(`Invalid ChaosOptions: kinds must list 'cut' and/or 'stall', got ${JSON.stringify(kinds)}`, 400);
  }
  const plan: PlannedFault[] = [];
  let at = 0;
  for (let i = 0; i < faults; i++) {
    at += draw(random, gapMs);
    const kind = kinds[Math.floor(random() * kinds.length)];
    const durationMs = kind === 'stall' ? draw(random, stallMs) : 0;
    plan.push({ atMs: at, kind, durationMs });
    at += durationMs;
  }
  return plan;
}

function draw(random: () => number, [min, max]: readonly [number, number]): number {
  return Math.round(min + random() * (max - min));
}

function checkRange(name: string, range: readonly [number, number]): void {
  const [min, max] = range;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && max >= min)) {
    throw new HPKVError(`Invalid ChaosOptions: ${name} must be [min, max] ms with 0 <= min <= max, got ${JSON.stringify(range)}`, 400);
  }
}
