/**
 * Where a request's outcome goes: an RxJS Observer, so that it can be passed as it is to
 * `subscribe()` and its `next`/`error` to a Promise's `then()`. The harness creates one per run,
 * not one per request (see sliding-window.ts).
 */
export interface Settle {
  readonly next: (reply: unknown) => void;
  readonly error: (error: unknown) => void;
  readonly complete: () => void;
}

/** One client under measurement: the same call, whatever library is behind it. */
export interface BenchClient {
  readonly name: string;
  /**
   * Sends a GET and reports its outcome to `settle`, consuming the library's natural form at
   * its least cost: a Promise with one `then(settle.next, settle.error)`, an Observable with one
   * `subscribe(settle)`. `timeoutMs` is long for the heap runs.
   */
  get(key: string, settle: Settle, timeoutMs?: number): void;
  close(): Promise<void>;
}

/** A client that counts the notifications it receives. */
export interface BenchSubscriber {
  readonly name: string;
  /**
   * Resolves once `count` more notifications have arrived, with the milliseconds from the
   * first of them to the last (so neither the start command nor the first write is timed).
   */
  received(count: number): Promise<number>;
  close(): Promise<void>;
}

/** Address and credentials of the server under test (an API key or a token). */
export interface BenchTarget {
  baseUrl: string;
  apiKey: string;
}
