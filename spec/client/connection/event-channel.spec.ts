import { type ConnectionEvent } from '../../../lib/client/connection/connection-events';
import { ConnectionState } from '../../../lib/client/connection/connection-state';
import { EventChannel } from '../../../lib/client/connection/event-channel';
import { ListenerError } from '../../../lib/client/errors';

describe('EventChannel', () => {
  it('delivers each event to events$ and to on() listeners, with the official payload shapes', () => {
    const channel = new EventChannel();
    const events: ConnectionEvent[] = [];
    const heard: unknown[][] = [];
    channel.events$.subscribe((event) => events.push(event));
    channel.on('disconnected', (info) => heard.push(['disconnected', info]));
    channel.on('error', (error) => heard.push(['error', error.message]));
    const info = { code: 1006, reason: 'gone', previousState: ConnectionState.CONNECTED, gracefully: false };
    channel.emit('disconnected', info);
    channel.report(new Error('stray frame'));
    expect(events).toEqual([{ type: 'disconnected', ...info }, { type: 'error', error: new Error('stray frame') }]);
    expect(heard).toEqual([
      ['disconnected', info],
      ['error', 'stray frame'],
    ]);
  });

  it('reports a throwing listener on error as a ListenerError and keeps delivering; a throwing error listener is dropped', () => {
    const channel = new EventChannel();
    const errors: Error[] = [];
    channel.on('connected', () => {
      throw new Error('listener bug');
    });
    channel.on('connected', () => errors.push(new Error('second listener ran')));
    channel.on('error', (error) => errors.push(error));
    channel.on('error', () => {
      throw new Error('error listener bug'); // would loop if reported
    });
    channel.emit('connected');
    expect(errors.map((error) => error.message)).toEqual(["A 'connected' listener threw: listener bug", 'second listener ran']);
    expect(errors[0]).toBeInstanceOf(ListenerError);
  });

  it('off() stops a listener; close() completes events$ and forgets every listener', () => {
    const channel = new EventChannel();
    const heard: string[] = [];
    const listener = (): number => heard.push('connected');
    channel.on('connected', listener);
    channel.emit('connected');
    channel.off('connected', listener);
    channel.emit('connected');
    let completed = false;
    channel.events$.subscribe({ complete: () => (completed = true) });
    channel.on('connected', listener);
    channel.close();
    channel.emit('connected');
    expect(heard).toEqual(['connected']);
    expect(completed).toBe(true);
  });
});
