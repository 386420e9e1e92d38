import { mergeMap } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ConnectionState } from '../../../lib/client/connection/connection-state';
import { resyncWatch$, type ResyncStep } from '../../../lib/client/streams/resync-watch';
import { type WatchEvent } from '../../../lib/client/streams/watch-event';
import { Watchers } from '../../../lib/client/streams/watchers';
import { DIRECT_AND_PIPED } from '../../support/direct-and-piped';
import { fakeLiveSource } from '../../support/fake-live-source';
import { SeededRandom } from '../../support/seeded-random';

/**
 * watch$(prefix*, { resync: true }) in marble time: replies come 2 frames after each request and
 * read the store then. Events are shown as `key=value` (`~` for a resynced one), `gap`.
 */
describe('resyncWatch$ (marble time)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });
  const states = { c: ConnectionState.CONNECTED, r: ConnectionState.RECONNECTING };
  const show = (event: WatchEvent): string =>
    event.type === 'gap' ? `gap ${event.since}-${event.until}` : `${event.resynced === true ? '~' : ''}${event.key}=${event.value}`;

  function setup(pageSize?: number) {
    const fake = fakeLiveSource({ scheduler, replyAfter: 2 });
    const now = (): number => scheduler.now();
    const watchers = new Watchers({ notifications$: fake.source.notifications$, state$: fake.state$, now });
    const steps$ = resyncWatch$({ state$: fake.state$, range$: fake.source.range$, now }, watchers.watch$('p:*'), 'p:', { pageSize });
    return { ...fake, steps$, events$: steps$.pipe(mergeMap((step) => step.events)) };
  }


  it.each(DIRECT_AND_PIPED)('%s: starts with the records, then notifications; after a reconnect the gap, then what changed, was created or deleted', (_way, through) => {
    const seen: string[] = [];
    scheduler.run(({ hot }) => {
      const { store, state$, notify, write, events$ } = setup();
      store.set('p:a', '1');
      store.set('p:b', '2');
      store.set('q:x', 'outside the prefix');
      hot('------r---c', states).subscribe(state$);
      hot('---n', { n: 'one' }).subscribe((value) => notify('p:a', value));
      hot('--------w', { w: ['p:b', null] as [string, null] }).subscribe(([key, value]) => write(key, value));
      hot('--------w', { w: ['p:c', '3'] as [string, string] }).subscribe(([key, value]) => write(key, value));
      hot('--------w', { w: ['p:a', 'two'] as [string, string] }).subscribe(([key, value]) => write(key, value));
      through(events$).subscribe((event) => seen.push(`${scheduler.now()} ${show(event)}`));
    });
    expect(seen).toEqual(['2 ~p:a=1', '2 ~p:b=2', '3 p:a=one', '10 gap 6-10', '12 ~p:a=two', '12 ~p:c=3', '12 ~p:b=null']);
  });

  it('is stale until its read has answered, from the drop, and until the re-read has answered', () => {
    const seen: string[] = [];
    scheduler.run(({ hot }) => {
      const { state$, steps$ } = setup();
      hot('----r--c', states).subscribe(state$);
      steps$.subscribe((step: ResyncStep) => seen.push(`${scheduler.now()} ${step.stale ? 'stale' : 'fresh'}`));
    });
    // 0: opened, reading; 2: read; 4: lost; 7: open again, re-reading; 9: re-read.
    expect(seen).toEqual(['0 stale', '2 fresh', '4 stale', '7 stale', '9 fresh']);
  });

  it('a change notified between two pages of a read is not undone by the later page', () => {
    const seen: string[] = [];
    scheduler.run(({ hot }) => {
      const { store, notify, events$ } = setup(1);
      store.set('p:a', '1');
      store.set('p:b', '2');
      // page 1 (p:a=1) answers at 2, page 2 (p:b) at 4; p:a changes at 3, between them.
      hot('---n', { n: 'new' }).subscribe((value) => notify('p:a', value));
      events$.subscribe((event) => seen.push(`${scheduler.now()} ${show(event)}`));
    });
    expect(seen).toEqual(['3 p:a=new', '4 ~p:b=2']);
  });

  it('folded, ends with the server state after 200 random writes during an outage (seeded, pages of 7)', () => {
    const random = new SeededRandom(11);
    const folded = new Map<string, string | number>();
    const { store, state$, write, notify, events$ } = setup(7);
    const keys = Array.from({ length: 40 }, (_, i) => `p:${String(i).padStart(2, '0')}`);
    for (const key of keys.slice(0, 25)) store.set(key, 'seed');
    scheduler.run(() => {
      events$.subscribe((event) => {
        if (event.type === 'gap') return;
        if (event.value === null) folded.delete(event.key);
        else folded.set(event.key, event.value);
      });
      scheduler.schedule(() => notify('p:00', 'live'), 20);
      scheduler.schedule(() => state$.next(ConnectionState.RECONNECTING), 30);
      scheduler.schedule(() => {
        for (let i = 0; i < 200; i++) write(random.pick(keys), random.next() < 0.3 ? null : `v${i}`);
      }, 40);
      scheduler.schedule(() => state$.next(ConnectionState.CONNECTED), 50);
    });
    expect(Object.fromEntries(folded)).toEqual(Object.fromEntries(store));
    expect(folded.size).toBeGreaterThan(0);
  });
});
