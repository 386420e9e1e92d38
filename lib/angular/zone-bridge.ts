import { type NgZone } from '@angular/core';
import { Observable, type MonoTypeOperatorFunction } from 'rxjs';

/**
 * Subscribe outside the Angular zone, observe inside it (AngularFire's idea, without a
 * scheduler hop): subscribing and unsubscribing run outside, so whatever the source arms —
 * sockets, request deadlines, throttle timers — is never a task of the app's zone and the app
 * can become stable; every value, error and completion is delivered inside, synchronously, so
 * change detection runs. With a zoneless app (`NoopNgZone`) both are plain calls.
 */
export function zoneBridge<T>(zone: NgZone): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      const subscription = zone.runOutsideAngular(() =>
        source.subscribe({
          next: (value) => zone.run(() => subscriber.next(value)),
          error: (error: unknown) => zone.run(() => subscriber.error(error)),
          complete: () => zone.run(() => subscriber.complete()),
        }),
      );
      return () => zone.runOutsideAngular(() => subscription.unsubscribe());
    });
}
