import { stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { checkDataPath, journalPathOf, loadDataFile, removeStaleTemporaries, saveDataFile, syncFolder } from './data-file';
import { Journal } from './journal';
import { replayJournal } from './read-journal';
import { RecordStore } from './record-store';

/** The journal is folded into the snapshot once it outgrows both this and the snapshot. */
const MIN_COMPACTION_BYTES = 16 * 1024 * 1024;

/**
 * The store behind `--data`: a snapshot file plus a journal of every write since. Each write is
 * appended to the journal before it is applied, and the server answers it only once the
 * journal is on disk (see `OutboundGate`), so every acknowledged write survives a crash.
 * At start the journal is replayed on the snapshot and folded into it; again on `close()`, and
 * while running whenever the journal outgrows the snapshot (and 16 MiB).
 */
export class DurableStore extends RecordStore {
  /** Absent while the files are being loaded (loading is not journaled). */
  private log: Journal | undefined;
  private snapshotBytes = 0;

  private constructor(readonly path: string) {
    super();
  }

  /**
   * Checks the path, removes temporary files of an interrupted save, loads the snapshot,
   * replays the journal and opens it for appending. Rejects with a `DataFileError` when the
   * path is unusable or a file is corrupt.
   */
  static async open(path: string): Promise<DurableStore> {
    await checkDataPath(path);
    await removeStaleTemporaries(path);
    const store = new DurableStore(path);
    const journalPath = journalPathOf(path);
    await loadDataFile(path, store);
    const replay = await replayJournal(journalPath, store);
    if (replay.records > 0 || replay.tornBytes > 0) {
      // Folded in now, which also drops a torn last record, so appends start on a clean line.
      await store.snapshot();
      await unlink(journalPath);
    } else {
      store.snapshotBytes = (await stat(path).catch(() => undefined))?.size ?? 0;
    }
    store.log = await Journal.open(journalPath, {
      due: (bytes) => bytes > Math.max(MIN_COMPACTION_BYTES, store.snapshotBytes),
      snapshot: () => store.snapshot(),
    });
    await syncFolder(dirname(resolve(path)));
    return store;
  }

  /** The journal writes go through. */
  get journal(): Journal {
    return this.log!;
  }

  override set(key: string, value: string): void {
    // Journaled first: if the journal refuses (disk error), the write is not applied either.
    this.log?.append(key, value);
    super.set(key, value);
  }

  override delete(key: string): boolean {
    if (this.get(key) === undefined) return false;
    this.log?.append(key, null);
    return super.delete(key);
  }

  override clear(): void {
    for (const [key] of this.entries()) this.log?.append(key, null);
    super.clear();
  }

  /** Flushes the journal, folds it into the snapshot and removes it. */
  async close(): Promise<void> {
    await this.log?.close();
    await this.snapshot();
    await unlink(journalPathOf(this.path)).catch(() => undefined);
  }

  private async snapshot(): Promise<void> {
    this.snapshotBytes = await saveDataFile(this.path, this);
  }
}
