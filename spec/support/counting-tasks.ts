import { BehaviorSubject } from 'rxjs';

/**
 * What the stability operators need of Angular's `PendingTasks` (`add()` returning a release
 * function), counting what is held, for unit specs; the real `PendingTasks` is exercised by the
 * application specs. Releasing twice counts once, as with `PendingTasks`.
 */
export function countingTasks() {
  const pending = new BehaviorSubject(0);
  let added = 0;
  return {
    get pending(): number {
      return pending.value;
    },
    get added(): number {
      return added;
    },
    /** The number held, on each change (for `expectObservable`). */
    pending$: pending.asObservable(),
    add(): () => void {
      added++;
      pending.next(pending.value + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        pending.next(pending.value - 1);
      };
    },
  };
}
