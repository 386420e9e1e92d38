import { fork } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { type BenchTarget } from '../clients/bench-client';

/** Notifications per socket write of the firehose: counts fired must be a multiple of it. */
export const FRAMES_PER_WRITE = 256;

/** The stub server (stub-server.ts) in its own process, so it never takes the client's CPU. */
export interface StubServer {
  target: BenchTarget;
  /**
   * Writes `count` notifications to the newest token connection; resolves once all are written,
   * with the CPU time (µs) the stub spent writing them.
   */
  fire(count: number): Promise<number>;
  /** How many frames the stub has received from clients since it started. */
  received(): Promise<number>;
  stop(): Promise<void>;
}

export async function startStubServer(): Promise<StubServer> {
  const child = fork(resolve(__dirname, 'stub-server.ts'), [], { execArgv: ['--import', 'tsx'] });
  // The harness waits on the stub: if it dies, every question fails instead of hanging.
  const ask = <T>(message: object, answer: string): Promise<T> =>
    new Promise((done, fail) => {
      const listener = (reply: Record<string, T>): void => {
        if (!(answer in reply)) return;
        child.off('exit', exited);
        child.off('message', listener);
        done(reply[answer]);
      };
      const exited = (code: number | null): void => fail(new Error(`the stub server exited (${code}) while asked for ${answer}`));
      child.on('message', listener);
      child.once('exit', exited);
      if (Object.keys(message).length > 0) child.send(message);
    });
  const port = await ask<number>({}, 'port');
  return {
    target: { baseUrl: `http://127.0.0.1:${port}`, apiKey: 'stub' },
    fire: (count) => ask({ fire: count }, 'fired'),
    received: () => ask({ count: true }, 'received'),
    async stop() {
      child.disconnect();
      await once(child, 'exit');
    },
  };
}
