import { KeyPatternError } from '../../lib/protocol';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { RawClient } from '../support/raw-client';

/**
 * Patterns that make a backtracking matcher run for seconds (the event loop with it) answer
 * correctly, over real sockets: globs are matched in one pass, regexes by RE2.
 */
describe('startLocalServer with hostile key patterns', () => {
  let server: LocalServer;
  const open: RawClient[] = [];
  const connect = async (credential: { apiKey: string } | { token: string }): Promise<RawClient> => {
    const raw = await RawClient.open(server.baseUrl, credential);
    open.push(raw);
    return raw;
  };
  const mint = (body: unknown): Promise<Response> =>
    fetch(`${server.baseUrl}/token/websocket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.apiKey },
      body: JSON.stringify(body),
    });

  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((raw) => raw.close()));
    await server.close();
  });

  it('notifies through a glob and a regex that backtrack catastrophically elsewhere, and only on a match', async () => {
    const glob = await connect({ token: server.issueToken({ subscribePatterns: ['*a*a*a*a*a*a*a*!'] }) });
    const regex = await connect({ token: server.issueToken({ subscribePatterns: ['^(a+)+$'] }) });
    const writer = await connect({ apiKey: server.apiKey });
    expect(await writer.request({ op: 2, key: 'a'.repeat(64), value: 'no bang' })).toMatchObject({ code: 200 });
    expect(await writer.request({ op: 2, key: `${'a'.repeat(40)}!`, value: 'bang' })).toMatchObject({ code: 200 });
    expect(await glob.notifications(1)).toMatchObject([{ key: `${'a'.repeat(40)}!`, value: 'bang' }]);
    expect(await regex.notifications(1)).toMatchObject([{ key: 'a'.repeat(64), value: 'no bang' }]);
    // Replies to these reads come after any notification: none other was sent.
    await glob.request({ op: 1, key: 'x' });
    await regex.request({ op: 1, key: 'x' });
    expect(glob.buffered).toEqual([]);
    expect(regex.buffered).toEqual([]);
  });

  it('applies a catastrophic accessPattern correctly: 403 outside, 200 inside', async () => {
    const limited = await connect({ token: server.issueToken({ accessPattern: '^(a+)+$' }) });
    expect(await limited.request({ op: 2, key: `${'a'.repeat(64)}!`, value: 'v' })).toMatchObject({ code: 403 });
    expect(await limited.request({ op: 2, key: 'a'.repeat(64), value: 'v' })).toMatchObject({ code: 200 });
  });

  it('refuses at POST /token/websocket a pattern RE2 cannot run, with 400 saying why', async () => {
    const backreference = await mint({ subscribePatterns: ['^(a)\\1$'] });
    expect(backreference.status).toBe(400);
    expect(((await backreference.json()) as { error: string }).error).toMatch(
      /^Invalid key pattern "\^\(a\)\\\\1\$": .*the server evaluates regular expressions with RE2, in linear time: backreferences/,
    );
    const lookahead = await mint({ accessPattern: '^(?!secret:)' });
    expect(lookahead.status).toBe(400);
    expect(((await lookahead.json()) as { error: string }).error).toMatch(/lookaheads/);
    expect((await mint({ subscribePatterns: ['^(a+)+$'], accessPattern: '^(a+)+$' })).status).toBe(200);
  });

  it('refuses the same pattern in issueToken() with a KeyPatternError', () => {
    expect(() => server.issueToken({ accessPattern: '(?<=a)b' })).toThrow(KeyPatternError);
  });
});
