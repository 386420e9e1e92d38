import { KeyPatternError, type KeyMatcher } from '../protocol';
import { compileTokenPatterns } from './token-patterns';
import { type TokenIssuer } from './token-issuer';

/** Who a WebSocket upgrade belongs to, or why it is refused. */
export type UpgradeAuth =
  | { ok: true; subscriptions?: KeyMatcher; access?: KeyMatcher }
  | { ok: false; status: number; error: string };

/**
 * Checks the credential of an upgrade to `/ws`. An API key connection may do anything and is
 * notified of nothing; a token connection gets its token's patterns. A bad or expired token is
 * 403 (as HPKV); a missing or unknown API key is 401 (local choice, see the protocol sheet).
 */
export function authenticateUpgrade(url: URL, apiKey: string, tokens: TokenIssuer): UpgradeAuth {
  const token = url.searchParams.get('token');
  if (token !== null) {
    const check = tokens.check(token);
    if (!check.ok) return { ok: false, status: 403, error: `Invalid token: ${check.reason}` };
    try {
      return { ok: true, ...compileTokenPatterns(check.claims.patterns, check.claims.accessPattern) };
    } catch (error) {
      // Only a token signed with `TokenIssuer.issue()` directly can carry such a pattern.
      if (error instanceof KeyPatternError) return { ok: false, status: 403, error: `Invalid token: ${error.message}` };
      throw error;
    }
  }
  const given = url.searchParams.get('apiKey');
  if (given === null) return { ok: false, status: 401, error: 'Missing apiKey or token query parameter' };
  if (given !== apiKey) return { ok: false, status: 401, error: 'Invalid API key' };
  return { ok: true };
}
