import { type NgZone, type PendingTasks } from '@angular/core';

/**
 * Runs `work` outside the zone and settles the returned Promise inside it; with `pendingTasks`,
 * the app stays unstable until then.
 */
export function settleInside<T>(zone: NgZone, work: () => Promise<T>, pendingTasks?: Pick<PendingTasks, 'add'>): Promise<T> {
  const release = pendingTasks?.add();
  let promise: Promise<T>;
  try {
    promise = zone.runOutsideAngular(work);
  } catch (error) {
    release?.();
    return Promise.reject(error);
  }
  return new Promise<T>((resolve, reject) => {
    promise.then(
      (value) => {
        zone.run(() => resolve(value));
        release?.();
      },
      (error: unknown) => {
        zone.run(() => reject(error));
        release?.();
      },
    );
  });
}
