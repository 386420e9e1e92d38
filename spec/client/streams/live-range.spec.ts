import { map, NEVER, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ConnectionState } from '../../../lib/client/connection/connection-state';
import { type LiveSource } from '../../../lib/client/streams/live';
import { liveRange$, liveRangeState$ } from '../../../lib/client/streams/live-range';
import { type LiveState } from '../../../lib/client/streams/live-state';
import { type HPKVRangeRecord } from '../../../lib/protocol';
import { DIRECT_AND_PIPED } from '../../support/direct-and-piped';
import { fakeLiveSource } from '../../support/fake-live-source';

const fakeSource = () => fakeLiveSource();
const states = { c: ConnectionState.CONNECTED, r: ConnectionState.RECONNECTING, d: ConnectionState.DISCONNECTED };

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

/** liveRangeState$ in marble time: replies 2 frames after the request (see live.spec.ts). */
describe('liveRangeState$ (marble time)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  /** The records as `key=value` strings, with the stale flag. */
  const view = (stream: Observable<LiveState<HPKVRangeRecord[]>>): Observable<{ value: string[] | undefined; stale: boolean }> =>
    stream.pipe(map(({ value, stale }) => ({ value: value?.map((record) => `${record.key}=${record.value}`), stale })));

  it.each(DIRECT_AND_PIPED)('%s: stale until read, stale from the drop (same records), fresh once the re-read (paged) has answered', (_way, through) => {
    scheduler.run(({ hot, expectObservable }) => {
      const { source, state$, store, notify, write } = fakeLiveSource({ scheduler, replyAfter: 2 });
      store.set('p:a', '1');
      store.set('p:b', '2');
      store.set('p:c', '3');
      hot('------r---c', states).subscribe(state$);
      hot('---n', { n: '9' }).subscribe((value) => notify('p:a', value));
      hot('--------w', { w: null }).subscribe((value) => write('p:b', value)); // deleted while down
      // pages of 2: the first read (two pages) answers at 4; the re-read from 10 (one page now) at 12.
      expectObservable(through(view(liveRangeState$(source, 'p:', 'p:~', { pageSize: 2 })))).toBe('u---a-A-----b', {
        u: { value: undefined, stale: true },
        a: { value: ['p:a=9', 'p:b=2', 'p:c=3'], stale: false },
        A: { value: ['p:a=9', 'p:b=2', 'p:c=3'], stale: true },
        b: { value: ['p:a=9', 'p:c=3'], stale: false },
      });
    });
  });

  it('liveRange$ emits only the records: a drop alone emits nothing', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const { source, state$, store } = fakeLiveSource({ scheduler, replyAfter: 2 });
      store.set('p:a', '1');
      hot('----r-c', states).subscribe(state$);
      expectObservable(liveRange$(source, 'p:', 'p:~').pipe(map((records) => records.length))).toBe('--a-----a', { a: 1 });
    });
  });
});
