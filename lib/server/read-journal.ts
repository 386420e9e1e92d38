import { readFile } from 'node:fs/promises';
import { DataFileError } from './data-file-error';
import { decodeJournalRecord } from './journal-record';
import { type RecordStore } from './record-store';

/** What replaying a journal found. */
export interface JournalReplay {
  /** Records applied. */
  records: number;
  /** Bytes after the last complete record: an append cut short by a crash, never acknowledged. */
  tornBytes: number;
}

const NEWLINE = 0x0a;

/**
 * Applies a journal's records to the store, in order. A missing journal has none. The last
 * record may be torn (its append was cut short, so it was never acknowledged): it is
 * skipped. Damage anywhere before it is a `DataFileError` naming the file and the line, since
 * replaying past it could resurrect or lose writes silently.
 */
export async function replayJournal(path: string, store: RecordStore): Promise<JournalReplay> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: 0, tornBytes: 0 };
    throw error;
  }
  let start = 0;
  let line = 0;
  for (let end = bytes.indexOf(NEWLINE); end >= 0; start = end + 1, end = bytes.indexOf(NEWLINE, start)) {
    line++;
    const record = decodeJournalRecord(bytes.toString('utf8', start, end));
    if ('error' in record) {
      throw new DataFileError(
        'DATA_FILE_CORRUPT',
        path,
        `${path} line ${line} is ${record.error}. The journal is damaged before its last record, so it cannot be replayed safely: ` +
          'restore it from a backup, or move it aside to start from the snapshot alone (losing the writes it holds).',
      );
    }
    if (record.value === null) store.delete(record.key);
    else store.set(record.key, record.value);
  }
  return { records: line, tornBytes: bytes.length - start };
}
