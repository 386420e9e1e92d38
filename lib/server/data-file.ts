import { open, readFile, rename, unlink } from 'node:fs/promises';
import { type RecordStore } from './record-store';

/** On-disk form of the store: `{ "version": 1, "records": [[key, value], …] }` in key order. */
interface DataFile {
  version: 1;
  records: [string, string][];
}

/** Loads a data file into the store. A missing file is an empty store; a corrupt one is an error. */
export async function loadDataFile(path: string, store: RecordStore): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const data = JSON.parse(text) as Partial<DataFile>;
  if (data.version !== 1 || !Array.isArray(data.records)) throw new Error(`${path} is not an hpkv-local data file`);
  for (const pair of data.records) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw new Error(`${path} holds a record that is not a [key, value] pair of strings`);
    }
    store.set(pair[0], pair[1]);
  }
  return data.records.length;
}

/**
 * Writes the store atomically: to a temporary file beside the target, flushed to disk, then
 * renamed over it, so a crash mid-write leaves the previous file intact.
 */
export async function saveDataFile(path: string, store: RecordStore): Promise<void> {
  const data: DataFile = { version: 1, records: [...store.entries()] };
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify(data));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
