import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDataPath, loadDataFile, removeStaleTemporaries, saveDataFile } from '../../lib/server/data-file';
import { DataFileError } from '../../lib/server/data-file-error';
import { RecordStore } from '../../lib/server/record-store';

describe('data file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hpkv-data-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('round-trips every record, leaving no temporary file', async () => {
    const store = new RecordStore();
    store.set('b', '2');
    store.set('a', '{"x":"é😀"}');
    const path = join(dir, 'store.json');
    expect(await saveDataFile(path, store)).toBe((await readFile(path)).length);
    const loaded = new RecordStore();
    expect(await loadDataFile(path, loaded)).toBe(2);
    expect([...loaded.entries()]).toEqual([...store.entries()]);
    expect(await readdir(dir)).toEqual(['store.json']);
  });

  it('treats a missing file as an empty store', async () => {
    expect(await loadDataFile(join(dir, 'absent.json'), new RecordStore())).toBe(0);
  });

  it.each([
    ['{"version":1,"records":[["a"', 'is not valid JSON ('],
    ['', 'is not valid JSON'],
    ['null', 'is not an hpkv-local data file'],
    ['{"hello":1}', 'is not an hpkv-local data file'],
    ['{"version":1,"records":[["a","1"],["b",2]]}', 'holds a record (number 2) that is not a [key, value] pair of strings'],
  ])('refuses %j with a DataFileError naming the file', async (text, reason) => {
    const path = join(dir, 'other.json');
    await writeFile(path, text);
    const failure = loadDataFile(path, new RecordStore());
    await expect(failure).rejects.toThrow(`${path} ${reason}`);
    await expect(failure).rejects.toMatchObject({ name: 'DataFileError', code: 'DATA_FILE_CORRUPT', path });
  });

  it('replaces the previous file whole', async () => {
    const path = join(dir, 'store.json');
    await writeFile(path, 'old contents');
    const store = new RecordStore();
    store.set('k', 'v');
    await saveDataFile(path, store);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, records: [['k', 'v']] });
  });

  it('removes the temporary files of interrupted saves of this file only', async () => {
    const names = ['store.json.12.1700000000000.tmp', 'store.json.tmp', 'store.json.x.1.tmp', 'other.json.12.1700000000000.tmp', 'store.json'];
    for (const name of names) await writeFile(join(dir, name), '');
    expect(await removeStaleTemporaries(join(dir, 'store.json'))).toEqual(['store.json.12.1700000000000.tmp']);
    expect((await readdir(dir)).sort()).toEqual(['other.json.12.1700000000000.tmp', 'store.json', 'store.json.tmp', 'store.json.x.1.tmp']);
  });

  describe('checkDataPath', () => {
    const refusal = (path: string): Promise<DataFileError> => checkDataPath(path).then(() => Promise.reject(new Error('accepted')), (error: DataFileError) => error);

    it('accepts a new file in an existing folder, and an existing data file', async () => {
      await expect(checkDataPath(join(dir, 'new.json'))).resolves.toBeUndefined();
      await writeFile(join(dir, 'old.json'), '{}');
      await expect(checkDataPath(join(dir, 'old.json'))).resolves.toBeUndefined();
    });

    it('refuses a path in a missing folder, naming both', async () => {
      const path = join(dir, 'missing', 'store.json');
      const error = await refusal(path);
      expect(error).toBeInstanceOf(DataFileError);
      expect(error).toMatchObject({ code: 'DATA_PATH_INVALID', path });
      expect(error.message).toBe(`Data file ${path}: its folder ${join(dir, 'missing')} does not exist. Create the folder, or choose a path in an existing one.`);
    });

    it('refuses a folder that is a file, and a data file or journal that is a folder', async () => {
      await writeFile(join(dir, 'file'), '');
      expect((await refusal(join(dir, 'file', 'store.json'))).message).toContain(`${join(dir, 'file')} is not a folder`);
      await mkdir(join(dir, 'folder.json'));
      expect((await refusal(join(dir, 'folder.json'))).message).toContain(`${join(dir, 'folder.json')} exists and is not a regular file`);
      await mkdir(join(dir, 'store.json.journal'));
      expect((await refusal(join(dir, 'store.json'))).message).toContain(`${join(dir, 'store.json.journal')} exists and is not a regular file`);
    });
  });
});
