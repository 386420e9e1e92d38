/** Counts notifications and resolves `received(n)` once n more have arrived: every subscriber adapter's bookkeeping. */
export class NotificationCounter {
  private count = 0;
  private waiter: { count: number; resolve: () => void } | undefined;

  /** Call once per notification (bound, so it can be passed as a callback). */
  readonly tick = (): void => {
    this.count++;
    if (this.waiter !== undefined && this.count >= this.waiter.count) this.waiter.resolve();
  };

  received(total: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiter = { count: this.count + total, resolve };
    });
  }
}
