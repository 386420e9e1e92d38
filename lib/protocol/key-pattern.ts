/** A compiled key pattern: true when the key matches. */
export type KeyMatcher = (key: string) => boolean;

/** A pattern that cannot be compiled (an invalid regular expression). */
export class KeyPatternError extends Error {
  readonly code = 400;
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`Invalid key pattern ${JSON.stringify(pattern)}: ${reason}`);
    this.name = 'KeyPatternError';
  }
}

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

/**
 * Compiles one subscription pattern, by HPKV's rules:
 * - starts with `^`: a regular expression (`^user:\d+$`);
 * - contains `*`: a glob where `*` matches any run of characters, empty included
 *   (`product:*` matches `product:a:b` and `product:` but not `product`);
 * - otherwise: that exact key.
 * @throws KeyPatternError when a `^` pattern is not a valid regular expression.
 */
export function compileSubscriptionPattern(pattern: string): KeyMatcher {
  if (pattern.startsWith('^')) {
    const regex = compileRegex(pattern);
    return (key) => regex.test(key);
  }
  if (pattern.includes('*')) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(REGEX_SPECIALS, '\\$&'))
      .join('.*');
    const regex = new RegExp(`^${source}$`, 's');
    return (key) => regex.test(key);
  }
  return (key) => key === pattern;
}

/**
 * Compiles a set of subscription patterns into one matcher. Exact keys are looked up in a
 * `Set`, so a token with thousands of plain keys costs O(1) per notification.
 * @throws KeyPatternError when any `^` pattern is not a valid regular expression.
 */
export function compileSubscriptionPatterns(patterns: readonly string[]): KeyMatcher {
  const exact = new Set<string>();
  const others: KeyMatcher[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith('^') || pattern.includes('*')) others.push(compileSubscriptionPattern(pattern));
    else exact.add(pattern);
  }
  if (others.length === 0) return (key) => exact.has(key);
  return (key) => {
    if (exact.has(key)) return true;
    for (const matches of others) if (matches(key)) return true;
    return false;
  };
}

/**
 * Compiles a token's `accessPattern`: a regular expression tested unanchored against the key
 * (JS `RegExp.test`), so `^user:` limits a token to keys starting with `user:`.
 * @throws KeyPatternError when the pattern is not a valid regular expression.
 */
export function compileAccessPattern(pattern: string): KeyMatcher {
  const regex = compileRegex(pattern);
  return (key) => regex.test(key);
}

function compileRegex(pattern: string): RegExp {
  try {
    // No `g`/`y` flag: `test` must not carry `lastIndex` from one key to the next.
    return new RegExp(pattern);
  } catch (error) {
    throw new KeyPatternError(pattern, error instanceof Error ? error.message : String(error));
  }
}
