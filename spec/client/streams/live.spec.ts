import { BehaviorSubject, NEVER, of, Subject, throwError, type Observable } from 'rxjs';
import { ConnectionState } from '../../../lib/client/connection/connection-state';
import { HPKVError } from '../../../lib/client/errors';
import { live$, type LiveSource } from '../../../lib/client/streams/live';
import { liveRange$ } from '../../../lib/client/streams/live-range';
import { type HPKVGetResponse, type HPKVNotificationResponse, type HPKVRangeResponse } from '../../../lib/protocol';

/** A scripted client: the test decides state, notifications and replies. */
function fakeSource() {
  const state$ = new BehaviorSubject<ConnectionState>(ConnectionState.CONNECTED);
  const notifications$ = new Subject<HPKVNotificationResponse>();
  const store = new Map<string, string>();
  const log: string[] = [];
  let pendingGet: Subject<HPKVGetResponse> | undefined;
  const source: LiveSource & { holdGets: boolean } = {
    holdGets: false,
    state$,
    notifications$,
    get$(key): Observable<HPKVGetResponse> {
      log.push(`GET ${key}`);
      if (source.holdGets) return (pendingGet = new Subject<HPKVGetResponse>());
      const value = store.get(key);
      return value === undefined ? throwError(() => new HPKVError('Record not found', 404)) : of({ code: 200, key, value });
    },
    range$(key, endKey, options): Observable<HPKVRangeResponse> {
      log.push(`RANGE ${key}..${endKey}`);
      const keys = [...store.keys()].filter((k) => k >= key && k <= endKey).sort();
      const limit = options?.limit ?? 100;
      const records = keys.slice(0, limit).map((k) => ({ key: k, value: store.get(k)! }));
      return of({ code: 200, records, count: records.length, truncated: keys.length > limit });
    },
  };
  const notify = (key: string, value: string | null): void => {
    if (value === null) store.delete(key);
    else store.set(key, value);
    notifications$.next({ type: 'notification', key, value, timestamp: 0 });
  };
  return { source, state$, store, log, notify, releaseGet: (reply: HPKVGetResponse) => pendingGet!.next(reply) };
}

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

describe('liveRange$', () => {
  it('emits the range, then keeps it current in key order: insert, update, delete; ignores keys outside', () => {
    const { source, store, notify } = fakeSource();
    store.set('p:b', '2');
    store.set('p:a', '1');
    const snapshots: string[][] = [];
    liveRange$(source, 'p:', 'p:~').subscribe((records) => snapshots.push(records.map(({ key, value }) => `${key}=${value}`)));
    notify('p:c', '3');
    notify('p:a', 'one');
    notify('p:b', null);
    notify('q:a', 'outside');
    expect(snapshots).toEqual([['p:a=1', 'p:b=2'], ['p:a=1', 'p:b=2', 'p:c=3'], ['p:a=one', 'p:b=2', 'p:c=3'], ['p:a=one', 'p:c=3']]);
  });

  it('pages through ranges larger than one RANGE reply', () => {
    const { source, store, log } = fakeSource();
    for (let i = 0; i < 5; i++) store.set(`p:${i}`, String(i));
    const snapshots: number[] = [];
    liveRange$(source, 'p:', 'p:~', { pageSize: 2 }).subscribe((records) => snapshots.push(records.length));
    expect(snapshots).toEqual([5]);
    expect(log).toEqual(['RANGE p:..p:~', 'RANGE p:1\u0000..p:~', 'RANGE p:3\u0000..p:~']);
  });

  it('re-reads after a reconnect', () => {
    const { source, state$, store } = fakeSource();
    store.set('p:a', '1');
    const snapshots: number[] = [];
    liveRange$(source, 'p:', 'p:~').subscribe((records) => snapshots.push(records.length));
    state$.next(ConnectionState.RECONNECTING);
    store.set('p:b', '2');
    state$.next(ConnectionState.CONNECTED);
    expect(snapshots).toEqual([1, 2]);
  });

  it('emits nothing before the first snapshot', () => {
    const { source } = fakeSource();
    const never: LiveSource = { ...source, range$: () => NEVER };
    const snapshots: unknown[] = [];
    liveRange$(never, 'a', 'b').subscribe((records) => snapshots.push(records));
    expect(snapshots).toEqual([]);
  });
});
