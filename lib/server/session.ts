import { type KeyMatcher } from '../protocol';
import { type RateLimiter } from './rate-limiter';

/** What the engine needs to know about the connection a request came from. */
export interface Session {
  /** Keys this connection is notified about; absent for API-key connections (they get none). */
  readonly subscriptions?: KeyMatcher;
  /** The token's `accessPattern`; absent when every key may be touched. */
  readonly access?: KeyMatcher;
  /** Per-connection request rate limit; absent when off. */
  readonly rateLimiter?: RateLimiter;
  /** Sends one text frame (a reply or a notification) to the connection. */
  send(frame: string): void;
}
