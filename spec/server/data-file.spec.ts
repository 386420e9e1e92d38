import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataFile, saveDataFile } from '../../lib/server/data-file';
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
    await saveDataFile(path, store);
    const loaded = new RecordStore();
    expect(await loadDataFile(path, loaded)).toBe(2);
    expect([...loaded.entries()]).toEqual([...store.entries()]);
    expect(await readdir(dir)).toEqual(['store.json']);
  });

  it('treats a missing file as an empty store', async () => {
    expect(await loadDataFile(join(dir, 'absent.json'), new RecordStore())).toBe(0);
  });

  it('refuses a file that is not a data file', async () => {
    const path = join(dir, 'other.json');
    await writeFile(path, '{"hello":1}');
    await expect(loadDataFile(path, new RecordStore())).rejects.toThrow('is not an hpkv-local data file');
    await writeFile(path, '{"version":1,"records":[["a",1]]}');
    await expect(loadDataFile(path, new RecordStore())).rejects.toThrow('[key, value] pair of strings');
  });

  it('replaces the previous file whole', async () => {
    const path = join(dir, 'store.json');
    await writeFile(path, 'old contents');
    const store = new RecordStore();
    store.set('k', 'v');
    await saveDataFile(path, store);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, records: [['k', 'v']] });
  });
});
