/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Median, lowest and highest of a list of per-round values. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Run-to-run spread as a fraction of the median: (max − min) / median. */
export const relativeSpread = ({ median, min, max }: Spread): number => (max - min) / median;

/**
 * `ours[i] / reference[i]` round by round (both were measured in the same round, a few seconds
 * apart), summarised; undefined when either was not measured.
 */
export function ratioByRound(ours: readonly number[] | undefined, reference: readonly number[] | undefined): Spread | undefined {
  if (ours === undefined || reference === undefined || ours.length === 0 || ours.length !== reference.length) return undefined;
  return spread(ours.map((value, round) => value / reference[round]));
}
