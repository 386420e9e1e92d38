import { of, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { resolveConnectionConfig, type ConnectionConfig } from '../../../lib/client/config';
import { Connection } from '../../../lib/client/connection/connection';
import { type ConnectionEvent } from '../../../lib/client/connection/connection-events';
import { EventChannel } from '../../../lib/client/connection/event-channel';
import { type Link } from '../../../lib/client/connection/link';
import { type NetworkCue } from '../../../lib/client/connection/network-cues';
import { fakeSockets, type FakeRuntime } from '../../support/fake-web-socket';

/**
 * The connection with its heartbeat and the network cues, in marble time over fake sockets:
 * a socket found dead is a drop like any other, and no timer runs while there is no socket.
 */
describe('Connection liveness (marble time, fake sockets)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  });

  function setup(runtime: FakeRuntime, config: ConnectionConfig = {}, awaitingReplies = () => false) {
    const sockets = fakeSockets(runtime);
    const cues = new Subject<NetworkCue>();
    const channel = new EventChannel();
    const connection = new Connection(
      resolveConnectionConfig({
        scheduler,
        random: () => 0,
        jitterMs: 0,
        initialDelayBetweenReconnects: 100,
        heartbeat: { intervalMs: 1000, timeoutMs: 300 },
        networkCues: cues,
        webSocketFactory: sockets.factory,
        ...config,
      }),
      () => of('ws://h/ws?token=t'),
      channel,
      { awaitingReplies, probe: () => undefined },
    );
    let link: Link = { kind: 'closed' };
    connection.link$.subscribe((next) => (link = next));
    const events: string[] = [];
    channel.events$.subscribe((event: ConnectionEvent) => {
      const detail = event.type === 'disconnected' ? ` ${event.code} ${event.reason}` : event.type === 'reconnecting' ? ` #${event.attempt}` : '';
      events.push(`${scheduler.now()} ${event.type}${detail}`);
    });
    const send = (frame: string): boolean => (link.kind === 'open' ? link.send(frame) : false);
    return { connection, sockets, cues, events, send };
  }

  it('browser: a request unanswered for timeoutMs with nothing arriving drops the socket; the reconnect follows', () => {
    const { connection, sockets, events, send } = setup('browser');
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => send('{"op":1,"key":"k","messageId":1}'), 50);
      scheduler.schedule(() => sockets.last().open(), 451);
      flush();
    });
    expect(events).toEqual(['0 connected', '350 disconnected 1006 heartbeat: nothing received for 350 ms', '350 reconnecting #1', '451 connected']);
    expect(sockets.sockets[0].closedWith).toEqual({ code: 1000, reason: 'client closed' });
    expect(connection.state).toBe('CONNECTED');
    connection.destroy();
  });

  it('browser: replies keep it alive; after the last one, the silence counts while requests are still owed', () => {
    let owed = true;
    const { connection, sockets, events, send } = setup('browser', {}, () => owed);
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => send('{"op":1,"key":"a","messageId":1}'), 10);
      scheduler.schedule(() => sockets.last().receive('{"code":200,"messageId":1}'), 200);
      scheduler.schedule(() => sockets.last().receive('{"type":"notification"}'), 400);
      flush();
      owed = false;
    });
    // Still owed after the notification at 400: dead at 400 + 300.
    expect(events.slice(0, 2)).toEqual(['0 connected', '700 disconnected 1006 heartbeat: nothing received for 300 ms']);
    connection.destroy();
  });

  it('Node: pings after intervalMs of silence; a pong keeps it; no pong within timeoutMs drops it', () => {
    const { connection, sockets, events } = setup('node', { maxReconnectAttempts: 0 });
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => sockets.last().pong(), 1100); // the ping at 1000 is answered
      flush();
    });
    // Second ping at 2100, unanswered: dead at 2400.
    expect(sockets.last().pings).toBe(2);
    expect(events).toEqual(['0 connected', '2400 disconnected 1006 heartbeat: nothing received for 1300 ms', '2400 reconnectFailed']);
  });

  it('runs no timer while disconnected, after giving up, or once destroyed', () => {
    const { connection, sockets } = setup('node', { maxReconnectAttempts: 0 });
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => connection.disconnect(), 500);
      flush();
      expect(scheduler.actions).toEqual([]);
      void connection.connect();
      sockets.last().open();
      sockets.last().drop(); // gives up at once (maxReconnectAttempts 0)
      flush();
      expect(scheduler.actions).toEqual([]);
      void connection.connect();
      sockets.last().open();
      connection.destroy();
      flush();
      expect(scheduler.actions).toEqual([]);
    });
    expect(sockets.sockets.map((socket) => socket.pings)).toEqual([0, 0, 0]);
  });

  it('with heartbeat: false nothing is watched: no ping, no drop for silence', () => {
    const { connection, sockets, events, send } = setup('node', { heartbeat: false });
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      send('{"op":1,"key":"k","messageId":1}');
      scheduler.schedule(() => connection.destroy(), 60_000);
      flush();
    });
    expect(sockets.last().pings).toBe(0);
    expect(events).toEqual(['0 connected', '60000 disconnected 1000 client disconnect']);
  });

  it('offline drops the open socket at once, and reconnecting waits for online instead of spending attempts', () => {
    const { connection, sockets, cues, events } = setup('browser', { maxReconnectAttempts: 1 });
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => cues.next('offline'), 10);
      scheduler.schedule(() => cues.next('online'), 5000);
      scheduler.schedule(() => sockets.last().open(), 5001);
      flush();
    });
    expect(events).toEqual([
      '0 connected',
      '10 disconnected 1006 offline',
      '10 reconnecting #1',
      // no attempt while offline (its backoff delay was 100 ms): the one attempt is made at online
      '5001 connected',
    ]);
    expect(sockets.sockets).toHaveLength(2);
    connection.destroy();
  });

  it('a cue (online, page visible) while waiting to reconnect makes the attempt at once', () => {
    const { connection, sockets, cues, events } = setup('browser', { initialDelayBetweenReconnects: 30_000 });
    scheduler.run(({ flush }) => {
      void connection.connect();
      sockets.last().open();
      scheduler.schedule(() => sockets.last().drop(), 10);
      scheduler.schedule(() => cues.next('visible'), 20);
      scheduler.schedule(() => sockets.last().open(), 21);
      flush();
    });
    expect(events).toEqual(['0 connected', '10 disconnected 1006 Connection closed (code 1006)', '10 reconnecting #1', '21 connected']);
    connection.destroy();
  });

  it('Node: a cue while connected pings at once', () => {
    const { connection, sockets, cues } = setup('node');
    scheduler.run(() => {
      void connection.connect();
      sockets.last().open();
      cues.next('online');
      expect(sockets.last().pings).toBe(1);
      cues.next('visible'); // a ping is already out: not another
      expect(sockets.last().pings).toBe(1);
      connection.destroy();
    });
  });

  it('follows the cues only while a session runs', async () => {
    const { connection, cues } = setup('browser');
    expect(cues.observed).toBe(false);
    const connecting = connection.connect().catch((error: Error) => error.message);
    expect(cues.observed).toBe(true);
    connection.disconnect();
    expect(cues.observed).toBe(false);
    expect(await connecting).toBe('Disconnected by the client. Call connect() to connect again.');
    connection.destroy();
  });
});
