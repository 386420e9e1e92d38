/** One client under measurement: the same calls, whatever library is behind them. */
export interface BenchClient {
  readonly name: string;
  /** Sends a GET and resolves with its reply (rejects on error). `timeoutMs` long for heap runs. */
  get(key: string, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

/** A client that receives notifications for `pattern`, counting them. */
export interface BenchSubscriber {
  readonly name: string;
  /** Resolves once `count` notifications have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Credentials and address of the server under test. */
export interface BenchTarget {
  baseUrl: string;
  apiKey: string;
}
