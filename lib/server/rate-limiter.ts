/**
 * A token bucket per connection: `ratePerSecond` tokens refill continuously up to a burst of
 * one second's worth. HPKV answers requests over the limit with 429 at once (nothing is
 * queued server-side), so `tryTake` never waits.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = ratePerSecond;
    this.updatedAt = now();
  }

  tryTake(): boolean {
    const now = this.now();
    const elapsed = now - this.updatedAt;
    this.updatedAt = now;
    this.tokens = Math.min(this.ratePerSecond, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
