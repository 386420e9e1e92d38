import { type Observable } from 'rxjs';
import { HPKVClientFactory, type HPKVApiClient, type HPKVError } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';

type Op = (client: HPKVApiClient) => { promise: () => Promise<unknown>; observable: () => Observable<unknown> };

/** How a request ended, as a user sees it (without the messageId, which differs run to run). */
function describeOutcome(outcome: { value?: unknown; error?: unknown }): string {
  if (outcome.error === undefined) {
    const { messageId: _id, ...value } = outcome.value as Record<string, unknown>;
    return `value ${JSON.stringify(value)}`;
  }
  const error = outcome.error as HPKVError & { outcomeUnknown?: boolean };
  return `${error.name} ${error.code ?? '-'} unknown=${String(error.outcomeUnknown ?? false)}: ${error.message}`;
}

/** The same requests through both forms against the local server: they must settle identically. */
describe('the Promise and Observable forms settle identically (real sockets)', () => {
  let server: LocalServer;
  const clients: HPKVApiClient[] = [];
  beforeEach(async () => {
    server = await startLocalServer({ port: 0 });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  async function connected(): Promise<HPKVApiClient> {
    const client = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false }, initialDelayBetweenReconnects: 5, jitterMs: 0 });
    clients.push(client);
    await client.connect();
    return client;
  }

  const forms = {
    Promise: (op: Op, client: HPKVApiClient) => op(client).promise(),
    Observable: (op: Op, client: HPKVApiClient) => new Promise((resolve, reject) => op(client).observable().subscribe({ next: resolve, error: reject })),
  };

  /** Runs `op` in `form` on a fresh connection, `fault` acting on the server first, and describes the outcome. */
  async function outcome(form: keyof typeof forms, op: Op, fault: () => void = () => undefined): Promise<string> {
    const client = await connected();
    fault();
    const result = await forms[form](op, client).then(
      (value) => describeOutcome({ value }),
      (error: unknown) => describeOutcome({ error }),
    );
    server.resumeReplies();
    return result;
  }

  const get: Op = (client) => ({ promise: () => client.get('k', 300), observable: () => client.get$('k', 300) });
  const missing: Op = (client) => ({ promise: () => client.get('missing', 300), observable: () => client.get$('missing', 300) });
  const set: Op = (client) => ({ promise: () => client.set('k', 'v2', false, 300), observable: () => client.set$('k', 'v2', false, 300) });

  const cases: [string, Op, () => void, string][] = [
    ['a reply', get, () => undefined, 'value {"code":200,"key":"k","value":"v"}'],
    ['an error reply', missing, () => undefined, 'HPKVError 404 unknown=false: Record not found'],
    ['no reply (replies paused): a read times out', get, () => server.pauseReplies(), "TimeoutError - unknown=false: GET 'k' got no reply within 300 ms"],
    [
      'no reply (replies paused): a write times out, outcome unknown',
      set,
      () => server.pauseReplies(),
      "TimeoutError - unknown=true: SET 'k' got no reply within 300 ms: the write may or may not have been applied. Read the key back before retrying.",
    ],
  ];

  it.each(cases)('%s', async (_name, op, fault, expected) => {
    server.engine.store.set('k', 'v');
    expect(await outcome('Promise', op, fault)).toBe(expected);
    expect(await outcome('Observable', op, fault)).toBe(expected);
  });

  it('a drop: both re-send a read (answered after the reconnect) and fail a write as outcome unknown, the same way', async () => {
    server.engine.store.set('k', 'v');
    const run = async (form: keyof typeof forms, op: Op): Promise<string> => {
      const client = await connected();
      const settled = forms[form](op, client).then(
        (value) => describeOutcome({ value }),
        (error: unknown) => describeOutcome({ error }),
      );
      server.dropConnections(); // the frame has left the client: a write's outcome is unknown
      return settled;
    };
    expect(await run('Promise', get)).toBe('value {"code":200,"key":"k","value":"v"}');
    expect(await run('Observable', get)).toBe('value {"code":200,"key":"k","value":"v"}');
    const writeOutcome = /^ConnectionError - unknown=true: Connection lost before the reply to SET 'k'/;
    expect(await run('Promise', set)).toMatch(writeOutcome);
    expect(await run('Observable', set)).toMatch(writeOutcome);
  });
});
