import { throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ConnectionState } from '../../../lib/client/connection/connection-state';
import { ConnectionError, HPKVError, TimeoutError } from '../../../lib/client/errors';
import { live$, liveState$, type LiveSource, type LiveValue } from '../../../lib/client/streams/live';
import { type LiveState } from '../../../lib/client/streams/live-state';
import { DIRECT_AND_PIPED } from '../../support/direct-and-piped';
import { fakeLiveSource } from '../../support/fake-live-source';

const fakeSource = () => fakeLiveSource();
const { CONNECTED: C, RECONNECTING: R, DISCONNECTED: D, CONNECTING: G } = ConnectionState;
const states = { c: C, r: R, d: D, g: G };

describe('live$', () => {
  it('emits the current value, then each change, null when deleted, without repeats', () => {
    const { source, store, notify } = fakeSource();
    store.set('k', 'a');
    const values: unknown[] = [];
    live$(source, 'k').subscribe((value) => values.push(value));
    notify('k', 'b');
    notify('k', 'b');
    notify('other', 'x');
    notify('k', null);
    expect(values).toEqual(['a', 'b', null]);
  });

  it('starts with null for a missing key and errors on other failures', () => {
    const { source } = fakeSource();
    const values: unknown[] = [];
    live$(source, 'missing').subscribe((value) => values.push(value));
    expect(values).toEqual([null]);
    const failing: LiveSource = { ...source, get$: () => throwError(() => new HPKVError('Access denied', 403)) };
    let error: unknown;
    live$(failing, 'k').subscribe({ error: (caught: unknown) => (error = caught) });
    expect(error).toMatchObject({ code: 403 });
  });

  it('listens before it reads: a change that lands while the GET is out is not lost', () => {
    const { source, notify, releaseGet } = fakeSource();
    source.holdGets = true;
    const values: unknown[] = [];
    live$(source, 'k').subscribe((value) => values.push(value));
    notify('k', 'changed while reading'); // server order: the write, then the GET that sees it
    releaseGet({ code: 200, key: 'k', value: 'changed while reading' });
    expect(values).toEqual(['changed while reading']);
  });

  it('re-reads after every reconnect and shows what changed while it was down', () => {
    const { source, state$, store, log } = fakeSource();
    store.set('k', 'before');
    const values: unknown[] = [];
    live$(source, 'k').subscribe((value) => values.push(value));
    state$.next(ConnectionState.RECONNECTING);
    store.set('k', 'written while down'); // no notification: the connection was down
    state$.next(ConnectionState.CONNECTED);
    expect(values).toEqual(['before', 'written while down']);
    expect(log).toEqual(['GET k', 'GET k']);
  });

  it('waits for the connection before reading', () => {
    const { source, state$, store, log } = fakeSource();
    state$.next(ConnectionState.CONNECTING);
    store.set('k', 'v');
    const values: unknown[] = [];
    live$(source, 'k').subscribe((value) => values.push(value));
    expect(log).toEqual([]);
    state$.next(ConnectionState.CONNECTED);
    expect(values).toEqual(['v']);
  });
});


/**
 * liveState$ in marble time. The connection state is a hot marble (`c` connected, `r`
 * reconnecting, `d` disconnected, `g` connecting), replies come 2 frames after the request and
 * read the store then, as a server does. In the expected marbles `u` is "not read yet".
 */
describe('liveState$ (marble time)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  const fresh = (value: LiveValue): LiveState<LiveValue> => ({ value, stale: false });
  const stale = (value: LiveValue | undefined): LiveState<LiveValue> => ({ value, stale: true });

  describe.each(DIRECT_AND_PIPED)('%s', (_way, through) => {
    it('stale until the read answers, stale from the drop, fresh again only once the re-read has answered', () => {
      scheduler.run(({ hot, expectObservable }) => {
        const { source, state$, store, notify, write } = fakeLiveSource({ scheduler, replyAfter: 2 });
        store.set('k', 'v1');
        hot('--------r---c', states).subscribe(state$);
        hot('-----n', { n: 'v2' }).subscribe((value) => notify('k', value));
        hot('----------w', { w: 'v3' }).subscribe((value) => write('k', value)); // written while down: no notification
        expectObservable(through(liveState$(source, 'k'))).toBe('u-a--b--B-----c', {
          u: stale(undefined),
          a: fresh('v1'),
          b: fresh('v2'),
          B: stale('v2'),
          c: fresh('v3'),
        });
      });
    });

    it('subscribed while not connected: stale at once, and it says so until connect() has succeeded and the read answered', () => {
      scheduler.run(({ hot, expectObservable }) => {
        const { source, state$, store } = fakeLiveSource({ scheduler, replyAfter: 2, state: D });
        store.set('k', 'v');
        // connect() at 3, open at 5; reconnecting gives up at 9 (reconnectFailed); connect() again at 12.
        hot('---g-c---d--gc', states).subscribe(state$);
        expectObservable(through(liveState$(source, 'k'))).toBe('u------a-A-----a', { u: stale(undefined), a: fresh('v'), A: stale('v') });
      });
    });
  });

  it('a change notified after the reopen but before the re-read answered updates the value and leaves it stale', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const { source, state$, store, notify } = fakeLiveSource({ scheduler, replyAfter: 2 });
      store.set('k', 'v1');
      hot('----r--c', states).subscribe(state$);
      hot('--------n', { n: 'v2' }).subscribe((value) => notify('k', value));
      expectObservable(liveState$(source, 'k')).toBe('u-a-A---Bb', { u: stale(undefined), a: fresh('v1'), A: stale('v1'), B: stale('v2'), b: fresh('v2') });
    });
  });

  it('a read cut off by the connection waits for the next open; one that timed out is sent again', () => {
    const { source, state$, store, failures, log } = fakeLiveSource({ scheduler, replyAfter: 2 });
    scheduler.run(({ hot, expectObservable }) => {
      store.set('k', 'v');
      failures.push(new ConnectionError('Connection lost'), new TimeoutError("GET 'k' got no reply within 10000 ms"));
      hot('-----r-c', states).subscribe(state$);
      expectObservable(liveState$(source, 'k')).toBe('u--------a', { u: stale(undefined), a: fresh('v') });
    });
    expect(log).toEqual(['GET k', 'GET k', 'GET k']);
  });

  it('errors on what a re-read cannot fix (403)', () => {
    scheduler.run(({ expectObservable }) => {
      const { source } = fakeLiveSource({ scheduler, replyAfter: 2 });
      const denied: LiveSource = { ...source, get$: () => throwError(() => new HPKVError('Access denied', 403)) };
      expectObservable(liveState$(denied, 'k')).toBe('(u#)', { u: stale(undefined) }, new HPKVError('Access denied', 403));
    });
  });
});
