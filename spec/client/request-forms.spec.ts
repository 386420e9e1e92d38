import { type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { HPKVApiClient } from '../../lib/client/api-client';
import { type HPKVError } from '../../lib/client/errors';
import { fakeSockets, type FakeWebSocket } from '../support/fake-web-socket';

type Form = 'Promise' | 'Observable';

/** How a request ended, as a user sees it. */
function describeOutcome(outcome: { value?: unknown; error?: unknown }): string {
  if (outcome.error === undefined) return `value ${JSON.stringify(outcome.value)}`;
  const error = outcome.error as HPKVError & { outcomeUnknown?: boolean };
  return `${error.name} ${error.code ?? '-'} unknown=${String(error.outcomeUnknown ?? false)}: ${error.message}`;
}

/**
 * The same script through each form: the Promise form settles straight from the request record,
 * the Observable form through one cold subscription over the same record. They must settle
 * identically: same outcome, at the same virtual time (read from `messagesPending`).
 */
describe('the Promise and Observable forms settle identically (marble time, fake sockets)', () => {
  async function run(script: (socket: () => FakeWebSocket, scheduler: TestScheduler) => void, call: (client: HPKVApiClient) => Promise<unknown>) {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const sockets = fakeSockets();
    const client = new HPKVApiClient('k', 'http://h', { scheduler, webSocketFactory: sockets.factory, throttling: { enabled: false }, jitterMs: 0, initialDelayBetweenReconnects: 10 });
    const pending: [number, number][] = [];
    let settled: Promise<{ value?: unknown; error?: unknown }> = Promise.resolve({});
    scheduler.run(({ flush }) => {
      void client.connect();
      sockets.last().open();
      settled = call(client).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      for (const at of [0, 49, 50, 99, 100, 200]) scheduler.schedule(() => pending.push([at, client.getConnectionStats().messagesPending]), at);
      script(() => sockets.last(), scheduler);
      flush();
    });
    client.destroy();
    return { outcome: describeOutcome(await settled), pending };
  }

  /** `op` in the given form, its outcome as a Promise (the Observable subscribed at the call, as `get()` is made). */
  const forms: Record<Form, (op: Op) => (client: HPKVApiClient) => Promise<unknown>> = {
    Promise: (op) => (client) => op(client).promise(),
    Observable: (op) => (client) => new Promise((resolve, reject) => op(client).observable().subscribe({ next: resolve, error: reject })),
  };
  type Op = (client: HPKVApiClient) => { promise: () => Promise<unknown>; observable: () => Observable<unknown> };
  const get: Op = (client) => ({ promise: () => client.get('k', 100), observable: () => client.get$('k', 100) });
  const set: Op = (client) => ({ promise: () => client.set('k', 'v', false, 100), observable: () => client.set$('k', 'v', false, 100) });

  const scenarios: [string, Op, (socket: () => FakeWebSocket, scheduler: TestScheduler) => void][] = [
    ['a reply', get, (socket, scheduler) => scheduler.schedule(() => socket().reply({ code: 200, key: 'k', value: 'v' }), 50)],
    ['an error reply', get, (socket, scheduler) => scheduler.schedule(() => socket().reply({ code: 404, error: 'Record not found', key: 'k' }), 50)],
    ['no reply: a timeout (a read)', get, () => undefined],
    ['no reply: a timeout (a write, outcome unknown)', set, () => undefined],
    ['a drop: the read is re-sent and answered', get, (socket, scheduler) => {
      scheduler.schedule(() => socket().drop(), 20);
      scheduler.schedule(() => socket().open(), 40);
      scheduler.schedule(() => socket().reply({ code: 200, key: 'k', value: 'again' }), 50);
    }],
    ['a drop: the write fails as outcome unknown', set, (socket, scheduler) => scheduler.schedule(() => socket().drop(), 50)],
  ];

  it.each(scenarios)('%s', async (_name, op, script) => {
    const promise = await run(script, forms.Promise(op));
    const observable = await run(script, forms.Observable(op));
    expect(observable).toEqual(promise);
    expect(promise.outcome).not.toBe('');
  });

  it('the outcomes themselves', async () => {
    const outcomes = await Promise.all(scenarios.map(([, op, script]) => run(script, forms.Promise(op))));
    expect(outcomes.map(({ outcome }) => outcome)).toEqual([
      'value {"code":200,"key":"k","value":"v","messageId":1}',
      'HPKVError 404 unknown=false: Record not found',
      "TimeoutError - unknown=false: GET 'k' got no reply within 100 ms",
      "TimeoutError - unknown=true: SET 'k' got no reply within 100 ms: the write may or may not have been applied. Read the key back before retrying.",
      'value {"code":200,"key":"k","value":"again","messageId":1}',
      "ConnectionError - unknown=true: Connection lost before the reply to SET 'k': the write may or may not have been applied. Read the key back before retrying.",
    ]);
    expect(outcomes[2].pending).toEqual([
      [0, 1],
      [49, 1],
      [50, 1],
      [99, 1],
      [100, 0],
      [200, 0],
    ]);
  });

  it('abandoning: an unsubscribed Observable-form request leaves at once (never sent when still queued); a Promise cannot be abandoned and still settles', async () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const sockets = fakeSockets();
    // heartbeat off: the unanswered requests would otherwise make the socket dead before the timeouts.
    const client = new HPKVApiClient('k', 'http://h', { scheduler, webSocketFactory: sockets.factory, throttling: { enabled: true, rateLimit: 10 }, heartbeat: false });
    let promiseOutcome: Promise<unknown> = Promise.resolve();
    scheduler.run(({ flush }) => {
      void client.connect();
      sockets.last().open();
      client.get$('first', 1000).subscribe({ error: () => undefined });
      const queued = client.get$('queued', 1000).subscribe(); // waits for its throttling slot
      expect(client.getConnectionStats().messagesPending).toBe(2);
      queued.unsubscribe();
      expect(client.getConnectionStats().messagesPending).toBe(1);
      promiseOutcome = client.get('ignored', 300).catch((error: Error) => error.message);
      flush();
    });
    expect(sockets.last().sent.map((frame) => (JSON.parse(frame) as { key: string }).key)).toEqual(['first', 'ignored']);
    expect(await promiseOutcome).toBe("GET 'ignored' got no reply within 300 ms");
    expect(client.getConnectionStats().messagesPending).toBe(0);
    client.destroy();
  });
});
