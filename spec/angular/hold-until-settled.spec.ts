import { map, NEVER, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { holdUntilSettled } from '../../lib/angular/hold-until-settled';
import { countingTasks } from '../support/counting-tasks';
import { DIRECT_AND_PIPED } from '../support/direct-and-piped';

describe('holdUntilSettled', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it.each(DIRECT_AND_PIPED)('holds from subscription until the reply has been delivered and the stream completed (%s)', (_, pipe) => {
    scheduler.run(({ cold, expectObservable }) => {
      const tasks = countingTasks();
      expectObservable(pipe(cold('---(a|)').pipe(holdUntilSettled(tasks)))).toBe('---(a|)');
      expectObservable(tasks.pending$).toBe('1--0', { 0: 0, 1: 1 });
    });
  });

  it('holds each subscription separately (a cold request subscribed twice is two requests)', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const tasks = countingTasks();
      const request = cold('--(a|)').pipe(holdUntilSettled(tasks));
      expectObservable(request).toBe('--(a|)');
      expectObservable(request, '-^').toBe('---(a|)');
      expectObservable(tasks.pending$).toBe('1210', { 0: 0, 1: 1, 2: 2 });
    });
  });

  it.each([
    ['errors', '--#', '--#', '1-0'],
    ['completes empty', '--|', '--|', '1-0'],
  ])('releases when the request %s', (_, source, expected, pending) => {
    scheduler.run(({ cold, expectObservable }) => {
      const tasks = countingTasks();
      expectObservable(cold(source).pipe(holdUntilSettled(tasks))).toBe(expected);
      expectObservable(tasks.pending$).toBe(pending, { 0: 0, 1: 1 });
    });
  });

  it('releases when the subscriber leaves before the reply', () => {
    scheduler.run(({ expectObservable }) => {
      const tasks = countingTasks();
      expectObservable(NEVER.pipe(holdUntilSettled(tasks)), '^--!').toBe('');
      expectObservable(tasks.pending$).toBe('1--0', { 0: 0, 1: 1 });
    });
  });

  it('leaves no observer upstream after an early unsubscribe', () => {
    const upstream = new Subject<string>();
    const tasks = countingTasks();
    const subscription = upstream.pipe(holdUntilSettled(tasks), map((x) => x)).subscribe();
    subscription.unsubscribe();
    expect(upstream.observed).toBe(false);
    expect(tasks.pending).toBe(0);
  });
});
