import { ProtocolError, SocketClosedError } from '../../../lib/client/errors';
import { redact, SocketOpened, webSocket$, type SocketEvent } from '../../../lib/client/connection/web-socket';
import { fakeSockets } from '../../support/fake-web-socket';

describe('webSocket$', () => {
  it('emits SocketOpened, then text frames, and binary frames as ProtocolError values', () => {
    const { factory, last } = fakeSockets();
    const events: SocketEvent[] = [];
    webSocket$('ws://h/ws', factory).subscribe((event) => events.push(event));
    last().open();
    last().receive('{"a":1}');
    last().receive(new Uint8Array(1));
    expect(events[0]).toBeInstanceOf(SocketOpened);
    expect(events[1]).toBe('{"a":1}');
    expect(events[2]).toBeInstanceOf(ProtocolError);
  });

  it('errors with the HTTP status of a refused upgrade', () => {
    const { factory, last } = fakeSockets();
    let error: SocketClosedError | undefined;
    webSocket$('ws://h/ws?token=secret', factory).subscribe({ error: (caught: SocketClosedError) => (error = caught) });
    last().refuse(403);
    expect(error).toBeInstanceOf(SocketClosedError);
    expect(error).toMatchObject({ status: 403, opened: false, closeCode: 1006 });
    expect(error!.message).toBe('WebSocket connection failed: Unexpected server response: 403');
  });

  it('errors with the close code after a drop', () => {
    const { factory, last } = fakeSockets();
    let error: SocketClosedError | undefined;
    webSocket$('ws://h/ws', factory).subscribe({ error: (caught: SocketClosedError) => (error = caught) });
    last().open();
    last().drop(1001, 'going away');
    expect(error).toMatchObject({ closeCode: 1001, closeReason: 'going away', opened: true, status: undefined });
  });

  it('closes the socket on unsubscribe, connecting or open', () => {
    const { factory, sockets } = fakeSockets();
    webSocket$('ws://h/ws', factory).subscribe().unsubscribe();
    const open = webSocket$('ws://h/ws', factory).subscribe();
    sockets[1].open();
    open.unsubscribe();
    expect(sockets.map((socket) => socket.closedWith)).toEqual([
      { code: 1000, reason: 'client closed' },
      { code: 1000, reason: 'client closed' },
    ]);
  });

  it('turns a throwing factory into an error, not an exception', () => {
    let error: unknown;
    webSocket$('ws://h/ws?apiKey=secret', () => {
      throw new Error('no sockets here');
    }).subscribe({ error: (caught: unknown) => (error = caught) });
    expect(error).toBeInstanceOf(SocketClosedError);
    expect((error as Error).message).toBe('Could not create a WebSocket for ws://h/ws?apiKey=…: Error: no sockets here');
  });

  it('redacts credentials', () => {
    expect(redact('ws://h/ws?x=1&token=abc&apiKey=def')).toBe('ws://h/ws?x=1&token=…&apiKey=…');
  });
});

describe('SocketOpened (the outbound Observer)', () => {
  it('sends with next(), reports a closing socket from send() instead of dropping, closes on complete()', () => {
    const { factory, last } = fakeSockets();
    let opened: SocketOpened | undefined;
    webSocket$('ws://h/ws', factory).subscribe((event) => {
      if (event instanceof SocketOpened) opened = event;
    });
    last().open();
    opened!.next('{"op":1}');
    expect(last().sent).toEqual(['{"op":1}']);
    last().readyState = 2; // closing
    expect(opened!.send('{"op":2}')).toBe(false);
    expect(() => opened!.next('{"op":3}')).toThrow('The WebSocket is closing');
    last().readyState = 1;
    opened!.complete();
    expect(last().closedWith).toEqual({ code: 1000, reason: 'client closed' });
  });
});
