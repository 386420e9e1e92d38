import { parseTokenRequest } from '../../lib/server/token-request';

describe('parseTokenRequest', () => {
  it('accepts subscribePatterns, subscribeKeys or both (their union)', () => {
    expect(parseTokenRequest({ subscribePatterns: ['a:*'] })).toEqual({ ok: true, request: { patterns: ['a:*'] } });
    expect(parseTokenRequest({ subscribeKeys: ['k'] })).toEqual({ ok: true, request: { patterns: ['k'] } });
    expect(parseTokenRequest({ subscribePatterns: ['a', 'b'], subscribeKeys: ['b', 'c'], accessPattern: '^a' })).toEqual({
      ok: true,
      request: { patterns: ['a', 'b', 'c'], accessPattern: '^a' },
    });
  });

  it('accepts an empty request (a token that is notified of nothing)', () => {
    expect(parseTokenRequest({})).toEqual({ ok: true, request: { patterns: [] } });
  });

  it.each([
    [[], 'body must be a JSON object'],
    [null, 'body must be a JSON object'],
    [{ subscribePatterns: 'a' }, 'subscribePatterns must be an array of strings'],
    [{ subscribeKeys: [1] }, 'subscribeKeys.0: subscribeKeys must be an array of strings'],
    [{ subscribeKeys: [''] }, 'subscribeKeys.0: subscribeKeys must not contain empty patterns'],
    [{ accessPattern: 5 }, 'accessPattern must be a string'],
  ])('refuses %j', (body, error) => {
    expect(parseTokenRequest(body)).toEqual({ ok: false, error });
  });

  it('refuses patterns that do not compile', () => {
    const result = parseTokenRequest({ subscribePatterns: ['^(unclosed'] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/Invalid key pattern "\^\(unclosed"/);
    expect(parseTokenRequest({ accessPattern: '[' }).ok).toBe(false);
  });
});
