import { seededRandom } from '../../lib/testing';

describe('seededRandom', () => {
  const draw = (seed: number, n: number): number[] => {
    const random = seededRandom(seed);
    return Array.from({ length: n }, () => random());
  };

  it('gives the same sequence for the same seed, and another for another seed', () => {
    expect(draw(42, 20)).toEqual(draw(42, 20));
    expect(draw(42, 20)).not.toEqual(draw(43, 20));
  });

  it('stays in [0, 1) and spreads over it', () => {
    const values = draw(7, 10_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const deciles = new Array<number>(10).fill(0);
    for (const value of values) deciles[Math.floor(value * 10)]++;
    // 1000 expected per decile; a broken generator lands far outside this band.
    for (const count of deciles) expect(count).toBeGreaterThan(850);
  });

  it('takes any number as a seed (reduced to 32 bits), 0 included', () => {
    expect(draw(0, 3)).toEqual(draw(2 ** 32, 3));
    expect(new Set(draw(0, 3)).size).toBe(3);
  });
});
