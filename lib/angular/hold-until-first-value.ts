import { type PendingTasks } from '@angular/core';
import { Observable, Subscription, type MonoTypeOperatorFunction } from 'rxjs';

/**
 * Keeps the app unstable (a `PendingTasks` task) from subscription until the first value that
 * `counts` has been delivered, the stream ends, the subscriber leaves, or `giveUp$` emits
 * (nothing will come: the connection is down for good). Never for the stream's whole life: a
 * server render waits for the data it shows, then completes while the stream stays open.
 */
export function holdUntilFirstValue<T>(
  pendingTasks: Pick<PendingTasks, 'add'>,
  giveUp$: Observable<unknown>,
  counts: (value: T) => boolean = () => true,
): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      // Unsubscribing `hold` removes the task and stops watching giveUp$; it is idempotent.
      const hold = new Subscription(pendingTasks.add());
      hold.add(giveUp$.subscribe(() => hold.unsubscribe()));
      const subscription = source.subscribe({
        next: (value) => {
          subscriber.next(value);
          if (!hold.closed && counts(value)) hold.unsubscribe();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        subscription.unsubscribe();
        hold.unsubscribe();
      };
    });
}
