import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../lib/server/data-file-error';
import { DurableStore } from '../../lib/server/durable-store';
import { startLocalServer } from '../../lib/server/local-server';

describe('DurableStore', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hpkv-durable-'));
    path = join(dir, 'store.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A crash: the journal's file is closed, nothing is folded into the snapshot. */
  const crash = (store: DurableStore): Promise<void> => store.journal.close();

  it('journals every applied write and delete, and a crashed store reopens with them', async () => {
    const store = await DurableStore.open(path);
    store.set('a', '1');
    store.set('b', '2');
    expect(store.delete('a')).toBe(true);
    expect(store.delete('never')).toBe(false);
    store.set('c', '3');
    await store.journal.whenDurable();
    expect(await readFile(`${path}.journal`, 'utf8')).toBe('["a","1"]\n["b","2"]\n["a",null]\n["c","3"]\n');
    await crash(store);

    const reopened = await DurableStore.open(path);
    expect([...reopened.entries()]).toEqual([
      ['b', '2'],
      ['c', '3'],
    ]);
    // Replayed at start and folded into the snapshot, so the journal starts empty.
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, records: [['b', '2'], ['c', '3']] });
    expect(await readFile(`${path}.journal`, 'utf8')).toBe('');
    reopened.clear();
    await reopened.journal.whenDurable();
    await crash(reopened);
    const emptied = await DurableStore.open(path);
    expect([...emptied.entries()]).toEqual([]);
    await emptied.close();
  });

  it('folds the journal into the snapshot on close and removes it', async () => {
    const store = await DurableStore.open(path);
    store.set('k', 'v');
    await store.close();
    expect(await readdir(dir)).toEqual(['store.json']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, records: [['k', 'v']] });
    expect(() => store.set('late', 'x')).toThrow('is closed');
    expect(store.get('late')).toBeUndefined();
  });

  it('replays the journal on top of the snapshot, even a journal already folded into it', async () => {
    // A crash between saving the snapshot and removing the journal leaves both: replaying is harmless.
    await writeFile(path, JSON.stringify({ version: 1, records: [['a', '2'], ['b', 'x']] }));
    await writeFile(`${path}.journal`, '["a","1"]\n["a","2"]\n["c","3"]\n');
    const store = await DurableStore.open(path);
    expect([...store.entries()]).toEqual([
      ['a', '2'],
      ['b', 'x'],
      ['c', '3'],
    ]);
    await store.close();
  });

  it('makes startLocalServer reject with a typed error for an unusable path or a corrupt file', async () => {
    const missing = join(dir, 'missing', 'store.json');
    const badPath = startLocalServer({ port: 0, dataFile: missing });
    await expect(badPath).rejects.toBeInstanceOf(DataFileError);
    await expect(badPath).rejects.toMatchObject({ code: 'DATA_PATH_INVALID', path: missing });

    await writeFile(path, 'not json');
    await expect(startLocalServer({ port: 0, dataFile: path })).rejects.toMatchObject({ code: 'DATA_FILE_CORRUPT', path });
  });
});
