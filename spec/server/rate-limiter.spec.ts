import { RateLimiter } from '../../lib/server/rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst of one second, then refills continuously', () => {
    let now = 1_000;
    const limiter = new RateLimiter(10, () => now);
    const burst = Array.from({ length: 12 }, () => limiter.tryTake());
    expect(burst.filter(Boolean)).toHaveLength(10);
    expect(limiter.tryTake()).toBe(false);
    now += 100; // one token per 100 ms at 10/s
    expect(limiter.tryTake()).toBe(true);
    expect(limiter.tryTake()).toBe(false);
  });

  it('never stores more than one second of tokens', () => {
    let now = 0;
    const limiter = new RateLimiter(5, () => now);
    now += 60_000;
    expect(Array.from({ length: 7 }, () => limiter.tryTake()).filter(Boolean)).toHaveLength(5);
  });
});
