import { open, type FileHandle } from 'node:fs/promises';
import { encodeJournalRecord } from './journal-record';

/** Told when outbound frames must start waiting, and when the writes they wait for are on disk. */
export interface JournalWatcher {
  /** The journal went from all-on-disk to holding records that are not on disk yet. */
  pending(): void;
  /** Every record up to `position` is on disk. */
  durable(position: number): void;
  /** The journal cannot be written: the records past `durable` never will be. */
  failed(error: Error): void;
}

/** When and how the journal is folded into a snapshot while the server runs. */
export interface JournalCompaction {
  /** Asked after every flush with the journal's size in bytes. */
  due(bytes: number): boolean;
  /** Saves a snapshot holding every record appended so far; the journal is emptied afterwards. */
  snapshot(): Promise<void>;
}

/**
 * An append-only file of writes, made durable in groups: the records appended during one
 * event-loop turn reach the disk in one write and one fdatasync, and those appended while that
 * is under way form the next group. Positions count records since the journal was opened.
 */
export class Journal {
  /** Records appended so far. */
  appended = 0;
  /** Records on disk so far (≤ `appended`). */
  durable = 0;
  private pending: string[] = [];
  private draining: Promise<void> | undefined;
  private waiters: { position: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  private watcher: JournalWatcher | undefined;
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private bytes: number,
    private readonly compaction: JournalCompaction | undefined,
  ) {}

  /** Opens (or creates) the journal at `path` for appending. */
  static async open(path: string, compaction?: JournalCompaction): Promise<Journal> {
    const handle = await open(path, 'a');
    const { size } = await handle.stat();
    return new Journal(path, handle, size, compaction);
  }

  /** The one watcher (the outbound gate). */
  watch(watcher: JournalWatcher): void {
    this.watcher = watcher;
  }

  /** Records a write (`null`: a delete). Throws once the journal has failed or closed. */
  append(key: string, value: string | null): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.closed) throw new Error(`journal ${this.path} is closed`);
    this.pending.push(encodeJournalRecord(key, value));
    this.appended++;
    if (this.draining !== undefined) return;
    // First record since everything was on disk: flush once the turn's other writes are in.
    this.draining = new Promise<void>(setImmediate).then(() => this.drain());
    this.watcher?.pending();
  }

  /** Resolves once every record appended so far is on disk; rejects if the journal fails first. */
  whenDurable(): Promise<void> {
    if (this.durable === this.appended) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ position: this.appended, resolve, reject }));
  }

  /** Flushes what is pending, then stops taking records and closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
    await this.handle.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const text = this.pending.join('');
        const position = this.appended;
        this.pending = [];
        await this.handle.appendFile(text);
        await this.handle.datasync();
        this.bytes += Buffer.byteLength(text);
        this.reached(position);
        if (this.compaction?.due(this.bytes)) {
          // Records appended meanwhile wait in `pending`; they follow the truncation.
          await this.compaction.snapshot();
          await this.handle.truncate(0);
          this.bytes = 0;
        }
      }
    } catch (error) {
      this.fail(error as Error);
    } finally {
      this.draining = undefined;
    }
  }

  private reached(position: number): void {
    this.durable = position;
    let settled = 0;
    while (settled < this.waiters.length && this.waiters[settled].position <= position) this.waiters[settled++].resolve();
    if (settled > 0) this.waiters.splice(0, settled);
    this.watcher?.durable(position);
  }

  /** A disk error: writes from now on are refused, and those not on disk are never acknowledged. */
  private fail(cause: Error): void {
    this.failure = new Error(`cannot write the journal ${this.path} (${cause.message}): writes are refused until hpkv-local is restarted`, { cause });
    this.pending = [];
    this.appended = this.durable;
    for (const waiter of this.waiters) waiter.reject(this.failure);
    this.waiters = [];
    this.watcher?.failed(this.failure);
    process.emitWarning(this.failure.message, 'HpkvLocalDataWarning');
  }
}
