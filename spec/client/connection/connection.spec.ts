import { NEVER, of, throwError, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { resolveConnectionConfig, type ConnectionConfig } from '../../../lib/client/config';
import { Connection } from '../../../lib/client/connection/connection';
import { type ConnectionEvent } from '../../../lib/client/connection/connection-events';
import { EventChannel } from '../../../lib/client/connection/event-channel';
import { AuthenticationError, ConnectionError, TimeoutError } from '../../../lib/client/errors';
import { type FakeWebSocket, fakeSockets } from '../../support/fake-web-socket';
import { rejection } from '../../support/rejection';

/**
 * What the connection offers the request pipeline, recorded: each link change ('waiting',
 * 'opened', 'dropped' for waiting after open, 'closed: why'), each frame, the current send.
 */
function recordLink(connection: Connection): { calls: string[]; frames: string[]; send: ((frame: string) => boolean) | undefined } {
  const record = { calls: [] as string[], frames: [] as string[], send: undefined as ((frame: string) => boolean) | undefined };
  let previous = 'closed';
  connection.link$.subscribe((link) => {
    if (link.kind === 'waiting') record.calls.push(previous === 'open' ? 'dropped' : 'waiting');
    else if (link.kind === 'open') {
      record.calls.push('opened');
      record.send = (frame) => link.send(frame);
    } else if (link.error !== undefined) record.calls.push(`closed: ${link.error.message}`);
    previous = link.kind;
  });
  connection.frames$.subscribe((frame) => record.frames.push(frame));
  return record;
}

describe('Connection (marble time, fake sockets)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  });

  function setup(config: ConnectionConfig = {}, url$?: (attempt: number) => Observable<string>) {
    const sockets = fakeSockets();
    const channel = new EventChannel();
    let urls = 0;
    const connection = new Connection(
      resolveConnectionConfig({ scheduler, random: () => 0, jitterMs: 100, webSocketFactory: sockets.factory, ...config }),
      () => (url$ ?? (() => of(`ws://h/ws?token=t${urls}`)))(++urls),
      channel,
    );
    const sink = recordLink(connection);
    const events: string[] = [];
    channel.events$.subscribe((event: ConnectionEvent) => {
      const detail = 'attempt' in event ? ` #${event.attempt} in ${event.delay}` : 'gracefully' in event ? ` graceful=${event.gracefully}` : '';
      events.push(`${scheduler.now()} ${event.type}${detail}`);
    });
    return { connection, channel, sockets, sink, events };
  }

  it('makes one attempt on the first connect(): a 401 rejects with AuthenticationError and is not retried', async () => {
    const { connection, sockets } = setup();
    let failure: unknown;
    scheduler.run(({ flush }) => {
      connection.connect().catch((error: unknown) => (failure = error));
      sockets.last().refuse(401);
      flush();
    });
    await Promise.resolve();
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect(failure).toMatchObject({ code: 401 });
    expect(sockets.sockets).toHaveLength(1);
    expect(connection.state).toBe('DISCONNECTED');
  });

  it('times out a connection attempt and closes the abandoned socket', async () => {
    const { connection, sockets } = setup({ connectionTimeout: 5000 });
    let failure: unknown;
    let failedAt = -1;
    scheduler.run(({ flush }) => {
      connection.connect().catch((error: unknown) => (failure = error));
      scheduler.schedule(() => undefined, 6000);
      connection.state$.subscribe((state) => {
        if (state === 'DISCONNECTED' && scheduler.now() > 0) failedAt = scheduler.now();
      });
      flush();
    });
    await Promise.resolve();
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(failedAt).toBe(5000);
    expect(sockets.last().closedWith).toEqual({ code: 1000, reason: 'client closed' });
  });

  it('shares one attempt between concurrent connect() calls', async () => {
    const { connection, sockets } = setup();
    const first = connection.connect();
    const second = connection.connect();
    sockets.last().open();
    await Promise.all([first, second]);
    expect(sockets.sockets).toHaveLength(1);
    await expect(connection.connect()).resolves.toBeUndefined();
    connection.destroy();
  });

  it('reconnects on a drop with the backoff schedule, asking for a fresh URL each time', () => {
    const { connection, sockets, sink, events } = setup({ maxReconnectAttempts: 3 });
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => sockets.last().drop(1006), 10);
      // attempt 1 at 10 + 1000, refused with 503 a tick later; attempt 2 at 1011 + 2000, opens.
      scheduler.schedule(() => sockets.last().refuse(503), 1011);
      scheduler.schedule(() => sockets.last().open(), 3012);
      flush();
    });
    expect(events).toEqual([
      '0 connected',
      '10 disconnected graceful=false',
      '10 reconnecting #1 in 1000',
      '1011 reconnecting #2 in 2000',
      '3012 connected',
    ]);
    expect(sockets.sockets.map((socket) => socket.url)).toEqual(['ws://h/ws?token=t1', 'ws://h/ws?token=t2', 'ws://h/ws?token=t3']);
    expect(sink.calls).toEqual(['waiting', 'opened', 'dropped', 'opened']);
    expect(connection.state).toBe('CONNECTED');
    connection.destroy();
  });

  it('gives up after maxReconnectAttempts with reconnectFailed, and fails what is pending', () => {
    const { connection, channel, sockets, sink, events } = setup({ maxReconnectAttempts: 2, initialDelayBetweenReconnects: 100, jitterMs: 0 });
    const failures: ConnectionError[] = [];
    channel.on('reconnectFailed', (error) => failures.push(error));
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => sockets.last().drop(), 1);
      scheduler.schedule(() => sockets.last().drop(), 102);
      scheduler.schedule(() => sockets.last().drop(), 303);
      flush();
    });
    expect(events).toEqual(['0 connected', '1 disconnected graceful=false', '1 reconnecting #1 in 100', '102 reconnecting #2 in 200', '303 reconnectFailed']);
    expect(failures[0]).toBeInstanceOf(ConnectionError);
    expect(failures[0].message).toMatch(/2 reconnect attempts failed/);
    expect(sink.calls.at(-1)).toMatch(/^closed: Connection lost and 2 reconnect attempts failed/);
    expect(connection.state).toBe('DISCONNECTED');
  });

  it('does not retry when a reconnect is refused with 403 (expired token)', () => {
    const { connection, sockets, events } = setup({ jitterMs: 0 });
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => sockets.last().drop(), 1);
      scheduler.schedule(() => sockets.last().refuse(403), 1002);
      flush();
    });
    expect(events).toEqual(['0 connected', '1 disconnected graceful=false', '1 reconnecting #1 in 1000', '1002 reconnectFailed']);
    expect(sockets.sockets).toHaveLength(2);
  });

  it('with maxReconnectAttempts 0, a drop ends the connection at once', () => {
    const { connection, sockets, events } = setup({ maxReconnectAttempts: 0 });
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      sockets.last().drop();
      flush();
    });
    expect(events).toEqual(['0 connected', '0 disconnected graceful=false', '0 reconnectFailed']);
  });

  it('disconnect() closes with 1000, reports a graceful disconnect, and cancels a pending reconnect', () => {
    const { connection, sockets, events } = setup();
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => sockets.last().drop(), 5);
      scheduler.schedule(() => connection.disconnect(), 10);
      flush();
    });
    expect(events).toEqual(['0 connected', '5 disconnected graceful=false', '5 reconnecting #1 in 1000', '10 disconnected graceful=true']);
    expect(sockets.sockets).toHaveLength(1);
    expect(connection.state).toBe('DISCONNECTED');
  });

  it('passes frames to the sink and reports a binary frame on the error event without dropping the connection', () => {
    const { connection, channel, sockets, sink } = setup();
    const errors: Error[] = [];
    channel.on('error', (error) => errors.push(error));
    void connection.connect();
    sockets.last().open();
    sockets.last().receive('{"code":200}');
    sockets.last().receive(new ArrayBuffer(2));
    sockets.last().receive('{"code":201}');
    expect(sink.frames).toEqual(['{"code":200}', '{"code":201}']);
    expect(errors[0].message).toMatch(/binary frame/);
    expect(connection.state).toBe('CONNECTED');
    connection.destroy();
  });

  it('gives the sink a send that refuses, rather than drops, a frame once the socket is closing', () => {
    const { connection, sockets, sink } = setup();
    void connection.connect();
    sockets.last().open();
    const send = sink.send;
    expect(send!('{"a":1}')).toBe(true);
    sockets.last().readyState = 2;
    expect(send!('{"a":2}')).toBe(false);
    expect(sockets.last().sent).toEqual(['{"a":1}']);
    connection.destroy();
  });

  it('reports a throwing listener on the error event and keeps delivering', () => {
    const { connection, channel, sockets } = setup();
    const seen: string[] = [];
    channel.on('connected', () => {
      throw new Error('listener bug');
    });
    channel.on('connected', () => seen.push('second listener'));
    channel.on('error', (error) => seen.push(error.message));
    void connection.connect();
    sockets.last().open();
    expect(seen).toEqual(["A 'connected' listener threw: listener bug", 'second listener']);
    connection.destroy();
  });

  it('refuses to connect after destroy()', async () => {
    const { connection } = setup();
    connection.destroy();
    await expect(connection.connect()).rejects.toThrow('destroyed');
  });

  it('reports a failed first connect() on the error event too, as the official SDK does', async () => {
    const { connection, channel, sockets } = setup();
    const reported: Error[] = [];
    channel.on('error', (error) => reported.push(error));
    const failure = connection.connect().catch((error: unknown) => error);
    sockets.last().refuse(401);
    expect(await failure).toBeInstanceOf(AuthenticationError);
    expect(reported).toEqual([await failure]);
  });

  it('says what a refusal without any detail most likely means (a browser hides the HTTP status)', async () => {
    const { connection, sockets } = setup();
    const failure = rejection(connection.connect());
    sockets.last().failWithoutDetail();
    const error = await failure;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(
      'Could not connect to ws://h/ws?token=…: WebSocket connection failed. The runtime did not say why (browsers hide the HTTP status of a refused connection): ' +
        'check the URL and that the server is reachable, then the API key or the token (an invalid or expired one is refused this way)',
    );
  });

  it.each([
    ['an HTTP status', (socket: FakeWebSocket) => socket.refuse(503)],
    ['a network error', (socket: FakeWebSocket) => socket.failWith('connect ECONNREFUSED 127.0.0.1:1')],
  ])('makes no guess when the runtime gave %s', async (_what, fail) => {
    const { connection, sockets } = setup();
    const failure = rejection(connection.connect());
    fail(sockets.last());
    const error = await failure;
    expect(error.message).toMatch(/^Could not connect to ws:\/\/h\/ws\?token=…: WebSocket connection failed: .+\. Check the URL and that the server is reachable\.$/);
    expect(error.message).not.toMatch(/API key/);
  });

  it('names a failing token provider on the first connect(), without an empty URL', async () => {
    const { connection } = setup({}, () => throwError(() => new ConnectionError('the token provider failed: fetch failed')));
    const error = await rejection(connection.connect());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('Could not connect: the token provider failed: fetch failed. Call connect() to try again.');
  });

  it('times out a token provider that never answers, within connectionTimeout', async () => {
    const { connection, sockets } = setup({ connectionTimeout: 3000 }, () => NEVER);
    let failure: unknown;
    scheduler.run(({ flush }) => {
      connection.connect().catch((error: unknown) => (failure = error));
      flush();
    });
    await Promise.resolve();
    expect(failure).toBeInstanceOf(TimeoutError);
    expect((failure as Error).message).toBe(
      'Getting the connection URL (token provider) timed out after 3000 ms: check the token provider, or raise connectionTimeout',
    );
    expect(sockets.sockets).toHaveLength(0);
  });

  it('retries a token provider that fails while reconnecting (a network blip), and reconnects', () => {
    const { connection, sockets, events } = setup({ jitterMs: 0, initialDelayBetweenReconnects: 10 }, (attempt) =>
      attempt === 2 ? throwError(() => new TypeError('fetch failed')) : of(`ws://h/ws?token=t${attempt}`),
    );
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => sockets.last().drop(), 1);
      scheduler.schedule(() => sockets.last().open(), 32);
      flush();
    });
    expect(events).toEqual(['0 connected', '1 disconnected graceful=false', '1 reconnecting #1 in 10', '11 reconnecting #2 in 20', '32 connected']);
    expect(connection.state).toBe('CONNECTED');
    connection.destroy();
  });

  it('states the attempts really made when a reconnect is refused for good, with one piece of advice', () => {
    const { connection, channel, sockets, sink } = setup({ jitterMs: 0, maxReconnectAttempts: 3 });
    const failures: ConnectionError[] = [];
    channel.on('reconnectFailed', (error) => failures.push(error));
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => sockets.last().drop(), 1);
      scheduler.schedule(() => sockets.last().refuse(403), 1002);
      flush();
    });
    expect(failures[0].message).toBe(
      'Connection lost and 1 reconnect attempt failed: The server refused the credentials (HTTP 403): check the API key, or generate a new token',
    );
    expect(sink.calls.at(-1)).toBe(`closed: ${failures[0].message}`);
  });

  it('after giving up, says so once with one piece of advice', () => {
    const { connection, channel, sockets } = setup({ jitterMs: 0, maxReconnectAttempts: 1, initialDelayBetweenReconnects: 10 });
    const failures: ConnectionError[] = [];
    channel.on('reconnectFailed', (error) => failures.push(error));
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => sockets.last().drop(), 1);
      scheduler.schedule(() => sockets.last().drop(), 12);
      flush();
    });
    expect(failures[0].message).toBe('Connection lost and 1 reconnect attempt failed: WebSocket connection failed. Call connect() to try again.');
  });

  it('fails everything with "destroyed" after destroy(), connected or not, and destroy() is idempotent', async () => {
    const { connection, sink } = setup();
    connection.destroy();
    connection.destroy();
    expect(sink.calls).toEqual(['closed: The client was destroyed: create a new client']);
    await expect(connection.connect()).rejects.toThrow('The client was destroyed: create a new client');
  });
});
