import { EMPTY, firstValueFrom, of, throwError } from 'rxjs';
import { AuthenticationError, ConnectionError } from '../../../lib/client/errors';
import { tokenSource } from '../../../lib/client/connection/token-source';

const next = (source: () => ReturnType<ReturnType<typeof tokenSource>>): Promise<string> => firstValueFrom(source());

describe('tokenSource', () => {
  it('yields a fixed token, or asks the provider on every subscription (string, Promise or Observable)', async () => {
    expect(await next(tokenSource('fixed'))).toBe('fixed');
    let calls = 0;
    const source = tokenSource(() => `t${++calls}`);
    expect([await next(source), await next(source)]).toEqual(['t1', 't2']);
    expect(await next(tokenSource(() => Promise.resolve('p')))).toBe('p');
    expect(await next(tokenSource(() => of('o', 'ignored')))).toBe('o');
  });

  it.each([
    ['throws', () => { throw new TypeError('fetch failed'); }, 'the token provider failed: fetch failed'],
    ['rejects', () => Promise.reject(new Error('503 from /token')), 'the token provider failed: 503 from /token'],
    ['errors', () => throwError(() => 'offline'), 'the token provider failed: offline'],
    ['completes without a token', () => EMPTY, 'the token provider completed without a token'],
    ['gives an empty string', () => '', 'the token provider gave an empty string instead of a token string'],
    ['gives an object', () => Promise.resolve({ token: 't' } as unknown as string), 'the token provider gave object instead of a token string'],
  ])('names a provider that %s with a ConnectionError (retried by the connection)', async (_what, provider, message) => {
    const error = await firstValueFrom(tokenSource(provider as () => string)()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ message });
  });

  it('passes an AuthenticationError through unchanged: retrying cannot fix a refused API key', async () => {
    const refused = new AuthenticationError('Failed to generate token: 401 Unauthorized. Check the API key.', 401);
    await expect(firstValueFrom(tokenSource(() => Promise.reject(refused))())).rejects.toBe(refused);
  });
});
