/** A compiled key pattern: true when the key matches. */
export type KeyMatcher = (key: string) => boolean;

/**
 * Compiles a regular expression into an unanchored tester (`RegExp.prototype.test` semantics),
 * or throws an `Error` whose message says why it cannot. The compile functions below take one,
 * so each side picks its engine: the client keeps the platform's `RegExp` (nothing added to the
 * browser bundle), the server passes RE2, which matches in linear time whatever the pattern.
 */
export type RegexCompiler = (pattern: string) => KeyMatcher;

/** The platform's `RegExp`: the default, and what the client uses. */
export const compileNativeRegex: RegexCompiler = (pattern) => {
  // No `g`/`y` flag: `test` must not carry `lastIndex` from one key to the next.
  const regex = new RegExp(pattern);
  return (key) => regex.test(key);
};

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

/**
 * Compiles one subscription pattern, by HPKV's rules:
 * - starts with `^`: a regular expression (`^user:\d+$`), compiled by `regex`;
 * - contains `*`: a glob where `*` matches any run of characters, empty included
 *   (`product:*` matches `product:a:b` and `product:` but not `product`);
 * - otherwise: that exact key.
 * @throws KeyPatternError when a `^` pattern is not a valid regular expression.
 */
export function compileSubscriptionPattern(pattern: string, regex: RegexCompiler = compileNativeRegex): KeyMatcher {
  if (pattern.startsWith('^')) return compileRegex(pattern, regex);
  if (pattern.includes('*')) return compileGlob(pattern);
  return (key) => key === pattern;
}

/**
 * Compiles a set of subscription patterns into one matcher. Exact keys are looked up in a
 * `Set`, so a token with thousands of plain keys costs O(1) per notification.
 * @throws KeyPatternError when any `^` pattern is not a valid regular expression.
 */
export function compileSubscriptionPatterns(patterns: readonly string[], regex: RegexCompiler = compileNativeRegex): KeyMatcher {
  const exact = new Set<string>();
  const others: KeyMatcher[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith('^') || pattern.includes('*')) others.push(compileSubscriptionPattern(pattern, regex));
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
 * (`RegExp.test` semantics), so `^user:` limits a token to keys starting with `user:`.
 * @throws KeyPatternError when the pattern is not a valid regular expression.
 */
export function compileAccessPattern(pattern: string, regex: RegexCompiler = compileNativeRegex): KeyMatcher {
  return compileRegex(pattern, regex);
}

function compileRegex(pattern: string, regex: RegexCompiler): KeyMatcher {
  try {
    return regex(pattern);
  } catch (error) {
    throw new KeyPatternError(pattern, error instanceof Error ? error.message : String(error));
  }
}

/**
 * A `*` glob without regular expressions: the text before the first `*` must start the key,
 * the text after the last one must end it, and the parts between are found left to right, each
 * at its first occurrence after the previous one. Taking the first occurrence is always right
 * when `*` is the only wildcard, so nothing is ever retried: one pass over the key, where the
 * `.*` chain it replaces backtracked exponentially (`*a*a*a*a*a*a*a*!` against 60 `a`s: 8.7 s).
 */
function compileGlob(pattern: string): KeyMatcher {
  const parts = pattern.split('*');
  const prefix = parts[0];
  const suffix = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  const fixedLength = prefix.length + suffix.length;
  return (key) => {
    if (key.length < fixedLength || !key.startsWith(prefix) || !key.endsWith(suffix)) return false;
    const end = key.length - suffix.length;
    let at = prefix.length;
    for (const part of middle) {
      const found = key.indexOf(part, at);
      if (found < 0 || found + part.length > end) return false;
      at = found + part.length;
    }
    return true;
  };
}
