import { compileAccessPattern, compileSubscriptionPatterns, type KeyMatcher } from '../protocol';
import { compileRe2 } from './re2-regex';

/** What a token lets a connection see and touch, compiled. */
export interface TokenMatchers {
  /** Keys the connection is notified about. */
  subscriptions: KeyMatcher;
  /** Keys it may touch; absent when any key may be. */
  access?: KeyMatcher;
}

/**
 * Compiles a token's patterns the way the server evaluates them: globs in one pass, regular
 * expressions with RE2. The one place the server compiles patterns, so minting a token
 * (refusing what would not compile) and connecting with it cannot disagree.
 * @throws KeyPatternError when a pattern cannot be compiled, with the reason.
 */
export function compileTokenPatterns(patterns: readonly string[], accessPattern?: string): TokenMatchers {
  const subscriptions = compileSubscriptionPatterns(patterns, compileRe2);
  if (accessPattern === undefined) return { subscriptions };
  return { subscriptions, access: compileAccessPattern(accessPattern, compileRe2) };
}
