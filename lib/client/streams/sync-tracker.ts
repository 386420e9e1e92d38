import { BehaviorSubject, combineLatest, distinctUntilChanged, map, Observable, type MonoTypeOperatorFunction } from 'rxjs';
import { type ConnectionState } from '../connection/connection-state';
import { connected$ } from './read-on-each-open';

/**
 * Which live streams are stale, for `synced$`: each tracked subscription counts as stale from
 * its subscribe until it says otherwise, and stops counting when it ends.
 */
export class SyncTracker {
  private readonly staleStreams = new Set<object>();
  private readonly allFresh = new BehaviorSubject(true);

  /**
   * Counts each subscription of the stream while its last element says `stale`. Stale counts
   * before the element is delivered, fresh only after: when `synced$` turns true, every stream
   * has already handed its current data to its subscriber.
   */
  track<T extends { readonly stale: boolean }>(): MonoTypeOperatorFunction<T> {
    return (source) =>
      new Observable<T>((subscriber) => {
        const entry = {};
        this.mark(entry, true);
        const subscription = source.subscribe({
          next: (state) => {
            if (state.stale) this.mark(entry, true);
            subscriber.next(state);
            if (!state.stale) this.mark(entry, false);
          },
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        });
        return () => {
          subscription.unsubscribe();
          this.mark(entry, false);
        };
      });
  }

  /** True only while the connection is open and every tracked stream is fresh (its re-read done). */
  synced$(state$: Observable<ConnectionState>): Observable<boolean> {
    return combineLatest([connected$(state$), this.allFresh]).pipe(
      map(([open, fresh]) => open && fresh),
      distinctUntilChanged(),
    );
  }

  /** Ends `synced$` (the client was destroyed). */
  close(): void {
    this.allFresh.complete();
  }

  private mark(entry: object, stale: boolean): void {
    if (stale) this.staleStreams.add(entry);
    else this.staleStreams.delete(entry);
    const fresh = this.staleStreams.size === 0;
    if (fresh !== this.allFresh.value && !this.allFresh.closed) this.allFresh.next(fresh);
  }
}
