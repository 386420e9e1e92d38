/**
 * A seeded source of numbers in [0, 1): the same seed gives the same sequence, so a randomized
 * fault schedule can be replayed from the seed a failing test printed. It fits the client's
 * `random` option too (deterministic reconnect jitter).
 *
 * mulberry32: a 32-bit state, one multiply-xorshift round per draw. Statistically plenty for
 * test schedules, and six lines, so not worth a dependency.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh 32-bit seed, for callers who did not choose one (print it to replay a run). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4294967296);
}
