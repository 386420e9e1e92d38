import { type PendingTasks } from '@angular/core';
import { defer, finalize, type MonoTypeOperatorFunction } from 'rxjs';

/** Keeps the app unstable (a `PendingTasks` task) from subscription until the stream ends or is left. */
export function holdUntilSettled<T>(pendingTasks: Pick<PendingTasks, 'add'>): MonoTypeOperatorFunction<T> {
  return (source) =>
    defer(() => {
      const release = pendingTasks.add();
      return source.pipe(finalize(release));
    });
}
