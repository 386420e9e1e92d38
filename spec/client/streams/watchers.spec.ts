import { BehaviorSubject, config, map, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ConnectionState } from '../../../lib/client/connection/connection-state';
import { Watchers } from '../../../lib/client/streams/watchers';
import { type WatchEvent } from '../../../lib/client/streams/watch-event';
import { type HPKVNotificationResponse } from '../../../lib/protocol';
import { DIRECT_AND_PIPED } from '../../support/direct-and-piped';

const note = (key: string): HPKVNotificationResponse => ({ type: 'notification', key, value: 'v', timestamp: 0 });
const keyOf = (event: WatchEvent): string => (event.type === 'gap' ? 'gap' : event.key);

/** Watchers over a scripted connection: notifications, state, and a clock the spec moves. */
function setup(source = new Subject<HPKVNotificationResponse>()) {
  const state$ = new BehaviorSubject<ConnectionState>(ConnectionState.CONNECTED);
  const clock = { now: 0 };
  return { watchers: new Watchers({ notifications$: source, state$, now: () => clock.now }), source, state$, clock };
}

describe('Watchers', () => {
  it('filters by HPKV pattern rules: exact, glob, regex', () => {
    const { watchers, source } = setup();
    const seen: Record<string, string[]> = { exact: [], glob: [], regex: [] };
    watchers.watch$('product:1').subscribe((n) => seen.exact.push(keyOf(n)));
    watchers.watch$('product:*').subscribe((n) => seen.glob.push(keyOf(n)));
    watchers.watch$('^order:\\d+$').subscribe((n) => seen.regex.push(keyOf(n)));
    for (const key of ['product:1', 'product:a:b', 'product', 'order:12', 'order:x']) source.next(note(key));
    expect(seen).toEqual({ exact: ['product:1'], glob: ['product:1', 'product:a:b'], regex: ['order:12'] });
  });

  it('shares one stream per pattern and drops it when the last subscriber leaves', () => {
    const { watchers, source } = setup();
    const first = watchers.watch$('a*');
    expect(watchers.watch$('a*')).toBe(first);
    const one = first.subscribe();
    const two = first.subscribe();
    expect(source.observed).toBe(true);
    one.unsubscribe();
    two.unsubscribe();
    expect(source.observed).toBe(false);
    expect(watchers.watch$('a*')).not.toBe(first);
  });

  it('drops the pattern when the last subscriber leaves through an operator', () => {
    const { watchers, source } = setup();
    const first = watchers.watch$('a*');
    first.pipe(map(keyOf)).subscribe().unsubscribe();
    expect(source.observed).toBe(false);
    expect(watchers.watch$('a*')).not.toBe(first);
  });

  it('an old stream re-subscribed after it was dropped does not evict the one cached now', () => {
    const { watchers } = setup();
    const old = watchers.watch$('a*');
    old.subscribe().unsubscribe();
    const current = watchers.watch$('a*');
    const held = current.subscribe();
    old.subscribe().unsubscribe();
    expect(watchers.watch$('a*')).toBe(current);
    held.unsubscribe();
  });

  it('keeps delivering to the others when an observer throws; the throw is RxJS\'s unhandled error', async () => {
    const { watchers, source } = setup();
    const received: string[] = [];
    const unhandled: unknown[] = [];
    const reported = new Promise<void>((resolve) => {
      config.onUnhandledError = (error) => {
        unhandled.push(error);
        if (unhandled.length === 2) resolve();
      };
    });
    try {
      watchers.watch$('*').subscribe(() => {
        throw new Error('bad observer');
      });
      watchers.watch$('*').pipe(map(keyOf)).subscribe((key) => received.push(key));
      source.next(note('a'));
      source.next(note('b'));
      expect(received).toEqual(['a', 'b']);
      await reported;
      expect(unhandled).toEqual([new Error('bad observer'), new Error('bad observer')]);
    } finally {
      config.onUnhandledError = null;
    }
  });

  it('gives a stream that errors with KeyPatternError (code 400) for an invalid regex', () => {
    const { watchers } = setup();
    let error: unknown;
    watchers.watch$('^(').subscribe({ error: (caught: unknown) => (error = caught) });
    expect(error).toMatchObject({ name: 'KeyPatternError', code: 400 });
  });
});

describe('Watchers: gaps (marble time)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });
  const states = { c: ConnectionState.CONNECTED, r: ConnectionState.RECONNECTING, d: ConnectionState.DISCONNECTED, g: ConnectionState.CONNECTING };

  function scripted(stateMarbles: string, notes: string, hot: TestScheduler['createHotObservable']) {
    const source = new Subject<HPKVNotificationResponse>();
    const state$ = new BehaviorSubject<ConnectionState>(ConnectionState.CONNECTED);
    hot(stateMarbles, states).subscribe(state$);
    hot(notes).subscribe((key) => source.next(note(key)));
    return new Watchers({ notifications$: source, state$, now: () => scheduler.now() });
  }

  it.each(DIRECT_AND_PIPED)('%s: reports the downtime after a reconnect, before any newer notification', (_way, through) => {
    scheduler.run(({ hot, expectObservable }) => {
      // lost at 3, back at 7; given up (d) and connected again counts as one gap.
      const watchers = scripted('---r---c--r-d--gc', '-a--------b-------a', hot);
      expectObservable(through(watchers.watch$('*')).pipe(map(keyOf)), '^-------------------!').toBe('-a-----g--b-----g-a-', { g: 'gap', a: 'a', b: 'b' });
    });
  });

  it('gives the times of the gap: since the client noticed the loss, until it was open again', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const watchers = scripted('--r-----c', '', hot);
      expectObservable(watchers.watch$('*'), '^---------!').toBe('--------g-', { g: { type: 'gap', since: 2, until: 8 } });
    });
  });

  it('a pattern first watched while the connection was down missed nothing it watched for: no gap', () => {
    const seen: WatchEvent[] = [];
    scheduler.run(({ hot }) => {
      const watchers = scripted('-r-----c-r-c', '', hot);
      // Subscribed at 3, while down: the reopening at 7 brings no gap; the loss at 9 does.
      scheduler.schedule(() => watchers.watch$('*').subscribe((event) => seen.push(event)), 3);
    });
    expect(seen).toEqual([{ type: 'gap', since: 9, until: 11 }]);
  });
});
