import { readFile } from 'node:fs/promises';
import { README, readmeSizeTable, sizeTable } from '../../bench/size';

/**
 * The README's bundle sizes are what `npm run size` prints. When the client changes, this fails
 * until `npm run size -- --write` refreshes the table.
 */
describe('README browser bundle table', () => {
  it('equals what `npm run size` measures (refresh: npm run size -- --write)', async () => {
    const measured = await sizeTable();
    expect(readmeSizeTable(await readFile(README, 'utf8'))).toBe(measured);
  }, 60_000);
});
