import { map, NEVER, Observable, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { holdUntilFirstValue } from '../../lib/angular/hold-until-first-value';
import { countingTasks } from '../support/counting-tasks';
import { DIRECT_AND_PIPED } from '../support/direct-and-piped';

describe('holdUntilFirstValue', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it.each(DIRECT_AND_PIPED)('holds from subscription until the first value, then passes every value (%s)', (_, pipe) => {
    scheduler.run(({ cold, expectObservable }) => {
      const tasks = countingTasks();
      expectObservable(pipe(cold('---a--b--|').pipe(holdUntilFirstValue(tasks, NEVER)))).toBe('---a--b--|');
      expectObservable(tasks.pending$).toBe('1--0', { 0: 0, 1: 1 });
    });
  });

  it.each(DIRECT_AND_PIPED)('holds past values that do not count, until the first that does (%s)', (_, pipe) => {
    scheduler.run(({ cold, expectObservable }) => {
      const tasks = countingTasks();
      const values = { u: { value: undefined }, a: { value: 'a' } };
      const read = (state: { value?: string }): boolean => state.value !== undefined;
      expectObservable(pipe(cold('-u--a-u', values).pipe(holdUntilFirstValue(tasks, NEVER, read)))).toBe('-u--a-u', values);
      expectObservable(tasks.pending$).toBe('1---0', { 0: 0, 1: 1 });
    });
  });

  it.each([
    ['completes empty', '---|'],
    ['errors', '---#'],
  ])('releases when the source %s', (_, source) => {
    scheduler.run(({ cold, expectObservable }) => {
      const tasks = countingTasks();
      expectObservable(cold(source).pipe(holdUntilFirstValue(tasks, NEVER))).toBe(source);
      expectObservable(tasks.pending$).toBe('1--0', { 0: 0, 1: 1 });
    });
  });

  it('releases when the subscriber leaves before any value (a source that never emits)', () => {
    scheduler.run(({ expectObservable }) => {
      const tasks = countingTasks();
      expectObservable(NEVER.pipe(holdUntilFirstValue(tasks, NEVER)), '^---!').toBe('');
      expectObservable(tasks.pending$).toBe('1---0', { 0: 0, 1: 1 });
    });
  });

  it('releases when giveUp$ emits (nothing will come), stops watching it, and keeps passing values', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const tasks = countingTasks();
      const giveUp = hot('--x');
      expectObservable(cold('-----a').pipe(holdUntilFirstValue(tasks, giveUp))).toBe('-----a');
      expectObservable(tasks.pending$).toBe('1-0', { 0: 0, 1: 1 });
      expectSubscriptions(giveUp.subscriptions).toBe('^-!');
    });
  });

  it('never holds when giveUp$ emits at once (the connection is already down)', () => {
    const tasks = countingTasks();
    const down = new Subject<void>();
    const giveUp = new Observable<void>((subscriber) => {
      subscriber.next();
      return down.subscribe(subscriber);
    });
    const subscription = NEVER.pipe(holdUntilFirstValue(tasks, giveUp)).subscribe();
    expect(tasks.pending).toBe(0);
    expect(down.observed).toBe(false);
    subscription.unsubscribe();
    expect(tasks.pending).toBe(0);
  });

  it('releases once, however it ends', () => {
    const tasks = countingTasks();
    const source = new Subject<string>();
    const subscription = source.pipe(holdUntilFirstValue(tasks, NEVER)).subscribe();
    source.next('a');
    source.complete();
    subscription.unsubscribe();
    expect(tasks.pending).toBe(0);
    expect(tasks.added).toBe(1);
  });

  it('leaves no observer upstream after an early unsubscribe', () => {
    const upstream = new Subject<string>();
    const subscription = upstream.pipe(holdUntilFirstValue(countingTasks(), NEVER), map((x) => x)).subscribe();
    expect(upstream.observed).toBe(true);
    subscription.unsubscribe();
    expect(upstream.observed).toBe(false);
  });
});
