import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../lib/server/data-file-error';
import { encodeJournalRecord } from '../../lib/server/journal-record';
import { replayJournal } from '../../lib/server/read-journal';
import { RecordStore } from '../../lib/server/record-store';

describe('replayJournal', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hpkv-journal-'));
    path = join(dir, 'store.json.journal');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('applies writes and deletes in order, keys and values with newlines and any Unicode included', async () => {
    const store = new RecordStore();
    store.set('gone', 'before');
    const records = [
      encodeJournalRecord('a', '1'),
      encodeJournalRecord('multi\nline', 'va\nlue é😀'),
      encodeJournalRecord('a', '2'),
      encodeJournalRecord('gone', null),
    ];
    await writeFile(path, records.join(''));
    expect(await replayJournal(path, store)).toEqual({ records: 4, tornBytes: 0 });
    expect([...store.entries()]).toEqual([
      ['a', '2'],
      ['multi\nline', 'va\nlue é😀'],
    ]);
  });

  it('treats a missing journal as empty', async () => {
    expect(await replayJournal(path, new RecordStore())).toEqual({ records: 0, tornBytes: 0 });
  });

  it('skips a torn last record: an append cut short, never acknowledged', async () => {
    const store = new RecordStore();
    await writeFile(path, `${encodeJournalRecord('a', '1')}["b","2`);
    expect(await replayJournal(path, store)).toEqual({ records: 1, tornBytes: 7 });
    expect([...store.entries()]).toEqual([['a', '1']]);
    // Cut right before its newline, a record is still unacknowledged: skipped too.
    await writeFile(path, `${encodeJournalRecord('a', '1')}["b","2"]`);
    expect(await replayJournal(path, new RecordStore())).toEqual({ records: 1, tornBytes: 9 });
  });

  it.each([
    ['damage in the middle', `["a","1"]\n\u0000\u0000garbage\n["c","3"]\n`, 2, 'is not valid JSON'],
    ['an empty line', `["a","1"]\n\n["c","3"]\n`, 2, 'is not valid JSON'],
    ['a complete last record that is not one', `["a","1"]\n["b",2]\n`, 2, 'is not a [key, value or null] record'],
    ['a record of the wrong shape', `{"key":"a"}\n["b","2"]\n`, 1, 'is not a [key, value or null] record'],
  ])('refuses %s, naming the file and the line', async (_case, text, line, reason) => {
    await writeFile(path, text);
    const failure = replayJournal(path, new RecordStore());
    await expect(failure).rejects.toThrow(`${path} line ${line} ${reason}`);
    await expect(failure).rejects.toBeInstanceOf(DataFileError);
    await expect(failure).rejects.toMatchObject({ code: 'DATA_FILE_CORRUPT', path });
  });
});
