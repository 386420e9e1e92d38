import { HPKVError } from '../../lib/client';
import { planFaults, seededRandom, type ChaosOptions } from '../../lib/testing';

describe('planFaults', () => {
  const options: ChaosOptions = { faults: 50, gapMs: [10, 100], stallMs: [20, 40] };

  it('is decided by the seed alone', () => {
    expect(planFaults(seededRandom(1), options)).toEqual(planFaults(seededRandom(1), options));
    expect(planFaults(seededRandom(1), options)).not.toEqual(planFaults(seededRandom(2), options));
  });

  it('draws gaps and stalls from their ranges, one fault after the other has healed', () => {
    const plan = planFaults(seededRandom(3), options);
    expect(plan).toHaveLength(50);
    let end = 0;
    for (const fault of plan) {
      expect(fault.atMs - end).toBeGreaterThanOrEqual(10);
      expect(fault.atMs - end).toBeLessThanOrEqual(100);
      if (fault.kind === 'stall') {
        expect(fault.durationMs).toBeGreaterThanOrEqual(20);
        expect(fault.durationMs).toBeLessThanOrEqual(40);
      } else {
        expect(fault.durationMs).toBe(0);
      }
      end = fault.atMs + fault.durationMs;
    }
    expect(new Set(plan.map((fault) => fault.kind))).toEqual(new Set(['cut', 'stall']));
  });

  it('uses only the kinds asked for, and an empty run is empty', () => {
    expect(planFaults(seededRandom(4), { ...options, kinds: ['cut'] }).every((fault) => fault.kind === 'cut')).toBe(true);
    expect(planFaults(seededRandom(4), { ...options, faults: 0 })).toEqual([]);
  });

  it.each([
    [{ faults: -1 }, /faults must be an integer from 0 to 10000/],
    [{ faults: 1.5 }, /faults must be an integer/],
    [{ faults: Infinity }, /faults must be an integer/],
    [{ faults: 10_001 }, /faults must be an integer/],
    [{ gapMs: [5, 1] }, /gapMs must be \[min, max\] ms/],
    [{ gapMs: [-1, 1] }, /gapMs must be/],
    [{ stallMs: [0, NaN] }, /stallMs must be/],
    [{ kinds: [] }, /kinds must list 'cut' and\/or 'stall'/],
    [{ kinds: ['flood'] }, /kinds must list/],
  ])('refuses %j with a 400 naming the option', (bad, message) => {
    const attempt = (): unknown => planFaults(Math.random, { ...options, ...bad } as ChaosOptions);
    expect(attempt).toThrow(HPKVError);
    expect(attempt).toThrow(message);
  });
});
