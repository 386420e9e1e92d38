import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { compileTokenPatterns } from './token-patterns';

/** What a subscription token carries, signed, so the server needs no token table. */
export interface TokenClaims {
  /** Subscription patterns (`subscribePatterns` ∪ `subscribeKeys` of the request). */
  patterns: string[];
  /** Regular expression every key this connection touches must match (unanchored). */
  accessPattern?: string;
  /** Expiry, epoch milliseconds. */
  expiresAt: number;
}

/** Subscription token request, as `POST /token/websocket` takes it. */
export interface TokenConfig {
  subscribePatterns?: string[];
  subscribeKeys?: string[];
  accessPattern?: string;
}

/** The patterns a token carries: SDK ≤ 1.2 sends `subscribeKeys`, 1.4 `subscribePatterns`; the union, once each. */
export function subscriptionPatterns(config: TokenConfig): string[] {
  return [...new Set([...(config.subscribePatterns ?? []), ...(config.subscribeKeys ?? [])])];
}

/** Why a token was refused. */
export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad signature' | 'expired' };

/** Options for `TokenIssuer`. */
export interface TokenIssuerOptions {
  /** Lifetime of a token in seconds. @default 7200 (HPKV's two hours) */
  ttlSeconds?: number;
  /** HMAC key. @default 32 random bytes per server instance */
  secret?: Buffer;
  /** Clock, epoch milliseconds. @default Date.now */
  now?: () => number;
}

/**
 * Issues and checks HMAC-SHA256-signed tokens: `base64url(claims).base64url(mac)`.
 * Stateless, so tokens survive nothing but the server instance that signed them (like a
 * restart of HPKV's token service, a restart here invalidates them).
 */
export class TokenIssuer {
  private readonly ttlMs: number;
  private readonly secret: Buffer;
  private readonly now: () => number;

  constructor(options: TokenIssuerOptions = {}) {
    this.ttlMs = (options.ttlSeconds ?? 7200) * 1000;
    this.secret = options.secret ?? randomBytes(32);
    this.now = options.now ?? Date.now;
  }

  issue(patterns: string[], accessPattern?: string): string {
    const claims: TokenClaims = { patterns, expiresAt: this.now() + this.ttlMs };
    if (accessPattern !== undefined) claims.accessPattern = accessPattern;
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /**
   * Issues a token for a request body's fields (both pattern field names accepted).
   * @throws KeyPatternError when a pattern would not compile on the server (as `POST /token/websocket` refuses it).
   */
  issueFor(config: TokenConfig): string {
    const patterns = subscriptionPatterns(config);
    compileTokenPatterns(patterns, config.accessPattern);
    return this.issue(patterns, config.accessPattern);
  }

  check(token: string): TokenCheck {
    const dot = token.indexOf('.');
    if (dot <= 0) return { ok: false, reason: 'malformed' };
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims.expiresAt !== 'number' || !Array.isArray(claims.patterns)) return { ok: false, reason: 'malformed' };
    if (this.now() >= claims.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
