import { Subject } from 'rxjs';
import { GuardedObservable } from '../../lib/client/guarded-observable';

describe('GuardedObservable', () => {
  it('reports an observer that throws and keeps delivering to the others', () => {
    const source = new Subject<number>();
    const reported: string[] = [];
    const guarded = new GuardedObservable(source, (error) => reported.push(error.message));
    const received: number[] = [];
    guarded.subscribe(() => {
      throw new Error('observer bug');
    });
    guarded.subscribe({ next: (value) => received.push(value) });
    source.next(1);
    source.next(2);
    expect(reported).toEqual(['observer bug', 'observer bug']);
    expect(received).toEqual([1, 2]);
  });

  it('passes error and completion through', () => {
    const source = new Subject<number>();
    const seen: string[] = [];
    new GuardedObservable(source, () => undefined).subscribe({ complete: () => seen.push('complete') });
    source.complete();
    expect(seen).toEqual(['complete']);
  });
});
