import { type Socket } from 'node:net';

/** What a link asks of its proxy, at each step, about the network it simulates. */
export interface LinkConditions {
  /** True while nothing may be forwarded: a blackhole, or a stranded connection. */
  silent(): boolean;
  /** Delay for a chunk arriving now, in ms: latency plus jitter. */
  delay(): number;
}

/** A chunk of bytes, or the source's FIN (`end`) or RST (`reset`), due at `due` (ms, monotonic). */
interface Item {
  readonly due: number;
  readonly chunk: Buffer | 'end' | 'reset';
}

/** Bytes a link may hold for latency before it stops reading its source (TCP flow control does the rest). */
const HIGH_WATER_BYTES = 1 << 20;

/** Resets a socket (RST, not FIN); one still connecting is reset as soon as it connects. */
export function resetSocket(socket: Socket): void {
  if (!socket.destroyed) socket.resetAndDestroy();
}

/**
 * One direction of a proxied connection: bytes read from `source` are written to `sink` in
 * order, each after its delay, and only while the network is not silent. While silent the
 * source is not read, so what the peer sends waits in socket buffers and then in TCP flow
 * control, and is delivered on heal, as TCP's retransmissions deliver it after a stall. The
 * source's FIN and RST travel in the same queue, so they arrive after the bytes sent before them.
 */
export class ProxyLink {
  private queue: Item[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: Socket,
    private readonly sink: Socket,
    private readonly conditions: LinkConditions,
  ) {
    source.on('data', (chunk: Buffer) => this.enqueue(chunk));
    source.on('end', () => this.enqueue('end'));
    sink.on('drain', () => this.flow());
    sink.once('close', () => this.stop());
  }

  /** The source was reset or failed: reset the sink after what was queued before it. */
  reset(): void {
    this.enqueue('reset');
  }

  /** Forwards what is due, arms one timer for the next item, and reads or not accordingly. */
  pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.conditions.silent()) this.deliverDue();
    this.flow();
  }

  /** Drops what is queued and the timer (the sink is gone, or the connection is being cut). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.queuedBytes = 0;
  }

  private enqueue(chunk: Item['chunk']): void {
    this.queue.push({ due: performance.now() + this.conditions.delay(), chunk });
    if (Buffer.isBuffer(chunk)) this.queuedBytes += chunk.length;
    if (this.timer === undefined) this.pump();
    else this.flow();
  }

  /** First in, first out: nothing passes the item ahead, so a shorter delay (or less jitter) never reorders bytes. */
  private deliverDue(): void {
    const now = performance.now();
    let taken = 0;
    for (; taken < this.queue.length; taken++) {
      const { due, chunk } = this.queue[taken];
      if (due > now) {
        this.timer = setTimeout(() => this.pump(), due - now);
        break;
      }
      this.deliver(chunk);
    }
    if (taken > 0) this.queue = this.queue.slice(taken);
  }

  private deliver(chunk: Item['chunk']): void {
    if (Buffer.isBuffer(chunk)) this.queuedBytes -= chunk.length;
    if (this.sink.destroyed) return;
    if (Buffer.isBuffer(chunk)) {
      this.sink.write(chunk);
    } else if (chunk === 'end') {
      this.sink.end();
    } else {
      resetSocket(this.sink);
    }
  }

  private flow(): void {
    const reading = !this.conditions.silent() && !this.sink.writableNeedDrain && this.queuedBytes < HIGH_WATER_BYTES;
    if (reading) this.source.resume();
    else this.source.pause();
  }
}
