/**
 * Counts notifications and resolves `received(n)` once n more have arrived, with the
 * milliseconds from the first of them to the last: every subscriber adapter's bookkeeping,
 * the same few operations per notification for each.
 */
export class NotificationCounter {
  private count = 0;
  private first = Infinity;
  private last = Infinity;
  private firstAt = 0;
  private resolve: ((elapsedMs: number) => void) | undefined;

  /** Call once per notification (bound, so it can be passed as a callback). */
  readonly tick = (): void => {
    const count = ++this.count;
    if (count === this.first) this.firstAt = performance.now();
    if (count === this.last) this.resolve!(performance.now() - this.firstAt);
  };

  received(total: number): Promise<number> {
    return new Promise((resolve) => {
      this.first = this.count + 1;
      this.last = this.count + total;
      this.resolve = resolve;
    });
  }
}
