/** Client-side rate limiting, as the official SDK's `ThrottlingConfig`, plus `retryOn429`. */
export interface ThrottlingConfig {
  /**
   * Whether requests pass through the rate limiter at all. When false they bypass it entirely.
   * @default true
   */
  enabled: boolean;
  /**
   * Requests per second to stay under (HPKV's free tier allows 10, Pro 100).
   * @default 10
   */
  rateLimit?: number;
  /**
   * Re-queue a request answered with 429 instead of failing it with `HPKVError` code 429.
   * @default false
   */
  retryOn429?: boolean;
}

/** What the rate limiter is doing now. */
export interface ThrottlingMetrics {
  /** Requests per second currently allowed (drops after a 429, climbs back to `rateLimit`). */
  currentRate: number;
  /** Requests waiting for a slot. */
  queueLength: number;
}
