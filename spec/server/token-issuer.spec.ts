import { TokenIssuer } from '../../lib/server/token-issuer';

describe('TokenIssuer', () => {
  it('round-trips patterns and access pattern', () => {
    const issuer = new TokenIssuer({ now: () => 0 });
    const check = issuer.check(issuer.issue(['product:*', 'a'], '^product:'));
    expect(check).toEqual({ ok: true, claims: { patterns: ['product:*', 'a'], accessPattern: '^product:', expiresAt: 7_200_000 } });
  });

  it('expires tokens after the TTL', () => {
    let now = 0;
    const issuer = new TokenIssuer({ ttlSeconds: 2, now: () => now });
    const token = issuer.issue([]);
    now = 1_999;
    expect(issuer.check(token).ok).toBe(true);
    now = 2_000;
    expect(issuer.check(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses tampered, foreign and malformed tokens', () => {
    const issuer = new TokenIssuer();
    const token = issuer.issue(['a']);
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ patterns: ['*'], expiresAt: Number.MAX_SAFE_INTEGER })).toString('base64url');
    expect(issuer.check(`${forged}.${mac}`)).toEqual({ ok: false, reason: 'bad signature' });
    expect(new TokenIssuer().check(token)).toEqual({ ok: false, reason: 'bad signature' });
    expect(issuer.check('garbage')).toEqual({ ok: false, reason: 'malformed' });
    expect(issuer.check(`${body}.`)).toEqual({ ok: false, reason: 'bad signature' });
  });
});
