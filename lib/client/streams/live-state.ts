/**
 * A live value with whether it may be behind the server: what the state forms (`liveState$`,
 * `liveRangeState$`) emit, so a UI can say "reconnecting: data may be stale" from what it holds.
 */
export interface LiveState<T> {
  /** The value; `undefined` until the first read has completed. */
  readonly value: T | undefined;
  /**
   * True until the first read completes, from the moment the connection stops being open (or
   * while the client is not connected at all), and until the re-read after it reopens has
   * completed: not merely when the socket reopens. Changes notified meanwhile update `value`
   * and leave `stale` true.
   */
  readonly stale: boolean;
}
