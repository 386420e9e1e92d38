import { Observable, type Observer, type Subscription } from 'rxjs';

/**
 * An Observable whose direct subscribers cannot hurt each other or the process: an observer
 * whose `next` throws is reported through `report` (the client's `error` event) instead of
 * becoming an uncaught exception, and delivery to the others carries on.
 */
export class GuardedObservable<T> extends Observable<T> {
  constructor(
    source: Observable<T>,
    private readonly report: (error: Error) => void,
  ) {
    super((subscriber) => source.subscribe(subscriber));
  }

  override subscribe(observerOrNext?: Partial<Observer<T>> | ((value: T) => void) | null): Subscription {
    const observer: Partial<Observer<T>> = typeof observerOrNext === 'function' ? { next: observerOrNext } : (observerOrNext ?? {});
    const next = observer.next;
    if (next === undefined) return super.subscribe(observer);
    const report = this.report;
    return super.subscribe({
      next(value) {
        try {
          next.call(observer, value);
        } catch (error) {
          report(error instanceof Error ? error : new Error(String(error)));
        }
      },
      error: observer.error?.bind(observer),
      complete: observer.complete?.bind(observer),
    });
  }
}
