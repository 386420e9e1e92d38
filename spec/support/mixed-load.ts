import { filter, firstValueFrom } from 'rxjs';
import { ConnectionState, type BaseClient } from '../../lib/client';
import { SeededRandom } from './seeded-random';
import { within } from './next-event';

/** What a load run counted. Every operation settles one way; every doubt is settled by reading back. */
export interface LoadTally {
  issued: number;
  acknowledged: number;
  /** Writes that failed with `outcomeUnknown` (their fate read back). */
  outcomeUnknown: number;
  /** Requests that failed without leaving (nothing to doubt) or reads cut off. */
  failedClean: number;
  /** Requests that did not settle within their timeout plus a margin. */
  hung: number;
  /** An acknowledged write missing, or a value that no write of ours explains. */
  lost: string[];
  /** An increment applied twice (a counter ahead of the increments that could have been applied). */
  doubleApplied: string[];
}

export const emptyTally = (): LoadTally => ({ issued: 0, acknowledged: 0, outcomeUnknown: 0, failedClean: 0, hung: 0, lost: [], doubleApplied: [] });

const isOutcomeUnknown = (error: unknown): boolean => (error as { outcomeUnknown?: unknown } | null)?.outcomeUnknown === true;

/**
 * One worker of a mixed load: its own keys and its own counter, one operation at a time, so it
 * always knows what the server must hold: the value of each acknowledged write, and for a write
 * whose outcome is unknown, whichever of the two values a read-back finds (anything else is a
 * lost write; a counter more than one ahead is an increment applied twice).
 */
export class LoadWorker {
  private readonly expected = new Map<string, string>();
  private counter = 0;
  private readonly random: SeededRandom;
  private readonly keys: string[];
  private readonly counterKey: string;

  constructor(
    private readonly client: BaseClient,
    readonly name: string,
    seed: number,
    private readonly tally: LoadTally,
    private readonly settleWithinMs: number,
  ) {
    this.random = new SeededRandom(seed);
    this.keys = Array.from({ length: 5 }, (_, i) => `${name}:k${i}`);
    this.counterKey = `${name}:counter`;
  }

  /** Runs operations until `stop()` says so. */
  async run(stop: () => boolean): Promise<void> {
    for (let i = 0; !stop(); i++) {
      const draw = this.random.next();
      if (draw < 0.5) await this.set(this.random.pick(this.keys), `${this.name}-${i}`);
      else if (draw < 0.8) await this.increment();
      else await this.get(this.random.pick(this.keys));
    }
  }

  /** After the run: every key and the counter hold what the worker knows they must. */
  async verify(): Promise<void> {
    for (const key of this.keys) {
      const actual = await this.read(key);
      if (actual !== this.expected.get(key)) this.tally.lost.push(`${key}: expected ${this.expected.get(key)}, found ${actual}`);
    }
    const counter = Number((await this.read(this.counterKey)) ?? 0);
    if (counter > this.counter) this.tally.doubleApplied.push(`${this.counterKey}: ${counter}, at most ${this.counter}`);
    else if (counter < this.counter) this.tally.lost.push(`${this.counterKey}: ${counter}, acknowledged ${this.counter}`);
  }

  private async set(key: string, value: string): Promise<void> {
    const outcome = await this.settle(this.client.set(key, value));
    if (outcome === 'ok') this.expected.set(key, value);
    else if (outcome === 'unknown') {
      const actual = await this.read(key);
      if (actual !== value && actual !== this.expected.get(key)) this.tally.lost.push(`${key}: found ${actual} after a doubtful write of ${value}`);
      this.expected.set(key, actual!);
    }
  }

  private async increment(): Promise<void> {
    let newValue: number | undefined;
    const outcome = await this.settle(this.client.atomicIncrement(this.counterKey, 1).then((reply) => (newValue = reply.newValue)));
    if (outcome === 'ok') {
      if (newValue !== this.counter + 1) this.tally.doubleApplied.push(`${this.counterKey}: ${newValue} after ${this.counter}`);
      this.counter = newValue!;
    } else if (outcome === 'unknown') {
      const actual = Number((await this.read(this.counterKey)) ?? 0);
      if (actual !== this.counter && actual !== this.counter + 1) this.tally.doubleApplied.push(`${this.counterKey}: ${actual} after a doubtful increment of ${this.counter}`);
      this.counter = actual;
    }
  }

  private async get(key: string): Promise<void> {
    let value: string | undefined;
    const outcome = await this.settle(
      this.client.get(key).then(
        (reply) => (value = String(reply.value)),
        (error: { code?: number }) => {
          if (error.code !== 404) throw error;
        },
      ),
    );
    if (outcome === 'ok' && value !== this.expected.get(key)) this.tally.lost.push(`${key}: read ${value}, expected ${this.expected.get(key)}`);
  }

  /** Reads a key until the read gets an answer (waiting for the connection in between); undefined when missing. */
  private async read(key: string): Promise<string | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return String((await this.client.get(key)).value);
      } catch (error) {
        if ((error as { code?: number }).code === 404) return undefined;
        if (attempt === 20) throw error;
        await within(this.settleWithinMs, 'the connection', firstValueFrom(this.client.state$.pipe(filter((state) => state === ConnectionState.CONNECTED))));
      }
    }
  }

  /** How one request settled, counted; a request that does not settle in time counts as hung. */
  private async settle(request: Promise<unknown>): Promise<'ok' | 'unknown' | 'failed'> {
    this.tally.issued++;
    try {
      await within(this.settleWithinMs, 'request', request);
      this.tally.acknowledged++;
      return 'ok';
    } catch (error) {
      if ((error as Error).message === `request: not within ${this.settleWithinMs} ms`) {
        this.tally.hung++;
        return 'unknown';
      }
      if (isOutcomeUnknown(error)) {
        this.tally.outcomeUnknown++;
        return 'unknown';
      }
      this.tally.failedClean++;
      return 'failed';
    }
  }
}
