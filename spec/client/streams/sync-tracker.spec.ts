import { TestScheduler } from 'rxjs/testing';
import { ConnectionState } from '../../../lib/client/connection/connection-state';
import { SyncTracker } from '../../../lib/client/streams/sync-tracker';
import { DIRECT_AND_PIPED } from '../../support/direct-and-piped';

describe('SyncTracker.synced$ (marble time)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });
  const states = { c: ConnectionState.CONNECTED, r: ConnectionState.RECONNECTING, d: ConnectionState.DISCONNECTED };
  const flags = { s: { stale: true }, f: { stale: false } };

  it.each(DIRECT_AND_PIPED)('%s: true only while connected and every tracked stream is fresh', (_way, through) => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const tracker = new SyncTracker();
      const state$ = hot('d-c-----r--c----', states);
      // Two live streams: the first has read by 4, the second (subscribed at 5) by 7; both are
      // stale from the drop at 8, and fresh again at 12 and 14 after their re-reads.
      tracker.track<{ stale: boolean }>()(cold('s---f---s---f', flags)).subscribe();
      const second = cold('s-fs-----f', flags).pipe(tracker.track<{ stale: boolean }>());
      scheduler.schedule(() => second.subscribe(), 5);
      expectObservable(through(tracker.synced$(state$))).toBe('f---tf-tf-----t', { t: true, f: false });
    });
  });

  it('a stream that ends (unsubscribed, errored, completed) no longer holds synced$ false', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const tracker = new SyncTracker();
      const state$ = hot('c', states);
      tracker.track<{ stale: boolean }>()(cold('s', flags)).subscribe().unsubscribe();
      tracker.track<{ stale: boolean }>()(cold('s--#', flags)).subscribe({ error: () => undefined });
      tracker.track<{ stale: boolean }>()(cold('s----|', flags)).subscribe();
      expectObservable(tracker.synced$(state$)).toBe('f----t', { t: true, f: false });
    });
  });
});
