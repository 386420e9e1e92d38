import { mkdtemp, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal, type JournalWatcher } from '../../lib/server/journal';
import { fileHandlePrototype } from '../support/file-handle-prototype';

function recordingWatcher(): JournalWatcher & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    pending: () => events.push('pending'),
    durable: (position) => events.push(`durable ${position}`),
    failed: (error) => events.push(`failed: ${error.message}`),
  };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Journal', () => {
  let dir: string;
  let path: string;
  let prototype: FileHandle;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hpkv-journal-'));
    path = join(dir, 'store.json.journal');
    prototype = await fileHandlePrototype(join(dir, 'probe'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes and syncs the records of one event-loop turn once, then reports them durable', async () => {
    const appendFile = jest.spyOn(prototype, 'appendFile');
    const datasync = jest.spyOn(prototype, 'datasync');
    const journal = await Journal.open(path);
    const watcher = recordingWatcher();
    journal.watch(watcher);
    for (let i = 0; i < 100; i++) journal.append(`k${i}`, i % 10 === 0 ? null : `v${i}`);
    expect([journal.appended, journal.durable]).toEqual([100, 0]);
    expect(watcher.events).toEqual(['pending']);
    await journal.whenDurable();
    expect(appendFile).toHaveBeenCalledTimes(1);
    expect(datasync).toHaveBeenCalledTimes(1);
    expect(watcher.events).toEqual(['pending', 'durable 100']);
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(101);
    expect(lines.slice(0, 2)).toEqual(['["k0",null]', '["k1","v1"]']);
    await journal.close();
  });

  it('reports a record durable only after its fdatasync has returned', async () => {
    const order: string[] = [];
    const original = prototype.datasync;
    jest.spyOn(prototype, 'datasync').mockImplementation(async function (this: FileHandle) {
      await original.call(this);
      order.push('synced');
    });
    const journal = await Journal.open(path);
    journal.watch({ ...recordingWatcher(), durable: () => order.push('durable') });
    journal.append('k', 'v');
    await journal.whenDurable().then(() => order.push('whenDurable'));
    expect(order).toEqual(['synced', 'durable', 'whenDurable']);
    await journal.close();
  });

  it('groups the records appended while a flush is under way into the next flush', async () => {
    const appendFile = jest.spyOn(prototype, 'appendFile');
    const journal = await Journal.open(path);
    journal.append('a', '1');
    await nextTurn(); // the first flush has started
    journal.append('b', '2');
    journal.append('c', '3');
    await nextTurn();
    journal.append('d', '4');
    await journal.whenDurable();
    expect(appendFile.mock.calls.length).toBeLessThanOrEqual(3);
    expect(await readFile(path, 'utf8')).toBe('["a","1"]\n["b","2"]\n["c","3"]\n["d","4"]\n');
    await journal.close();
  });

  it('folds itself into a snapshot when due, keeping records appended meanwhile', async () => {
    const snapshots: number[] = [];
    let journal: Journal | undefined = undefined;
    journal = await Journal.open(path, {
      due: (bytes) => bytes >= 20 && snapshots.length === 0,
      snapshot: async () => {
        snapshots.push(journal!.appended);
        journal!.append('during', 'snapshot');
      },
    });
    journal.append('a', '1');
    await journal.whenDurable();
    expect(snapshots).toEqual([]);
    journal.append('b', '2');
    await journal.whenDurable();
    expect(snapshots).toEqual([2]);
    await journal.whenDurable(); // the record appended during the snapshot
    expect(await readFile(path, 'utf8')).toBe('["during","snapshot"]\n');
    await journal.close();
  });

  it('fails for good on a disk error: waiters rejected, the watcher told, later appends refused', async () => {
    jest.spyOn(prototype, 'datasync').mockRejectedValue(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const journal = await Journal.open(path);
    const watcher = recordingWatcher();
    journal.watch(watcher);
    journal.append('k', 'v');
    const expected = `cannot write the journal ${path} (EIO: i/o error, fdatasync): writes are refused until hpkv-local is restarted`;
    await expect(journal.whenDurable()).rejects.toThrow(expected);
    expect(watcher.events).toEqual(['pending', `failed: ${expected}`]);
    expect(emitWarning).toHaveBeenCalledWith(expected, 'HpkvLocalDataWarning');
    expect(() => journal.append('k', 'again')).toThrow(expected);
    // Nothing is left waiting: the records that never reached the disk are given up.
    expect(journal.appended).toBe(journal.durable);
    await expect(journal.whenDurable()).resolves.toBeUndefined();
    await journal.close();
  });

  it('flushes pending records on close, then refuses more', async () => {
    const journal = await Journal.open(path);
    journal.append('a', '1');
    await journal.close();
    expect(await readFile(path, 'utf8')).toBe('["a","1"]\n');
    expect(() => journal.append('b', '2')).toThrow(`journal ${path} is closed`);
  });
});
