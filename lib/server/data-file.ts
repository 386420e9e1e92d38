import { constants } from 'node:fs';
import { access, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DataFileError } from './data-file-error';
import { type RecordStore } from './record-store';

/** On-disk form of the store: `{ "version": 1, "records": [[key, value], …] }` in key order. */
interface DataFile {
  version: 1;
  records: [string, string][];
}

/** The journal of writes since the last snapshot, beside the snapshot. */
export function journalPathOf(path: string): string {
  return `${path}.journal`;
}

function corrupt(path: string, what: string): DataFileError {
  return new DataFileError(
    'DATA_FILE_CORRUPT',
    path,
    `${path} ${what}. It was not written by hpkv-local or was damaged: restore it from a backup, or move it aside to start empty.`,
  );
}

/** Loads a data file into the store. A missing file is an empty store; a corrupt one is a `DataFileError`. */
export async function loadDataFile(path: string, store: RecordStore): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let data: Partial<DataFile>;
  try {
    data = JSON.parse(text) as Partial<DataFile>;
  } catch (error) {
    throw corrupt(path, `is not valid JSON (${(error as Error).message})`);
  }
  if (data?.version !== 1 || !Array.isArray(data.records)) throw corrupt(path, 'is not an hpkv-local data file');
  data.records.forEach((pair, index) => {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw corrupt(path, `holds a record (number ${index + 1}) that is not a [key, value] pair of strings`);
    }
    store.set(pair[0], pair[1]);
  });
  return data.records.length;
}

/** `<file>.<pid>.<ms>.tmp`: the name a save writes to before renaming it over the file. */
function temporaryPathOf(path: string): string {
  return `${path}.${process.pid}.${Date.now()}.tmp`;
}

/**
 * Writes the store atomically: to a temporary file beside the target, flushed to disk, then
 * renamed over it (and the rename flushed), so a crash mid-write leaves the previous file
 * intact. Resolves with the size written, in bytes.
 */
export async function saveDataFile(path: string, store: RecordStore): Promise<number> {
  const data: DataFile = { version: 1, records: [...store.entries()] };
  const text = JSON.stringify(data);
  const temporary = temporaryPathOf(path);
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
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
  await syncFolder(dirname(resolve(path)));
  return Buffer.byteLength(text);
}

/** Makes a rename or a new file in `folder` survive a power cut (where the platform allows it). */
export async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for syncing; there the rename is as durable as it gets.
  const handle = await open(folder, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** Deletes temporary files left beside `path` by a save that was interrupted; resolves with their names. */
export async function removeStaleTemporaries(path: string): Promise<string[]> {
  const folder = dirname(resolve(path));
  const prefix = `${basename(path)}.`;
  const stale = (await readdir(folder)).filter((name) => name.startsWith(prefix) && /^\d+\.\d+\.tmp$/.test(name.slice(prefix.length)));
  await Promise.all(stale.map((name) => unlink(join(folder, name)).catch(() => undefined)));
  return stale;
}

/**
 * Checks at start that `path` can hold the data file and its journal, so a bad path fails
 * at once rather than when the store is first saved. Throws a `DataFileError` saying what is wrong.
 */
export async function checkDataPath(path: string): Promise<void> {
  const invalid = (what: string): DataFileError => new DataFileError('DATA_PATH_INVALID', path, `Data file ${path}: ${what}`);
  const folder = dirname(resolve(path));
  const folderStats = await stat(folder).catch(() => undefined);
  if (folderStats === undefined) throw invalid(`its folder ${folder} does not exist. Create the folder, or choose a path in an existing one.`);
  if (!folderStats.isDirectory()) throw invalid(`${folder} is not a folder.`);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw invalid(`its folder ${folder} is not writable, so the data could not be saved. Choose a writable folder.`);
  }
  for (const file of [path, journalPathOf(path)]) {
    const fileStats = await stat(file).catch(() => undefined);
    if (fileStats === undefined) continue;
    if (!fileStats.isFile()) throw invalid(`${file} exists and is not a regular file.`);
    try {
      await access(file, constants.R_OK | constants.W_OK);
    } catch {
      throw invalid(`${file} cannot be read and written. Fix its permissions, or choose another path.`);
    }
  }
}
