import { HPKVOperation, isReadOperation, operationName } from '../../lib/protocol/operation';

describe('HPKVOperation', () => {
  it('uses the wire op codes', () => {
    expect([
      HPKVOperation.GET,
      HPKVOperation.SET,
      HPKVOperation.PATCH,
      HPKVOperation.DELETE,
      HPKVOperation.RANGE,
      HPKVOperation.ATOMIC,
    ]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('names ops, including unknown ones', () => {
    expect(operationName(5)).toBe('RANGE');
    expect(operationName(9)).toBe('op 9');
  });

  it('counts only GET and RANGE as reads', () => {
    const reads = [1, 2, 3, 4, 5, 6].filter((op) => isReadOperation(op));
    expect(reads).toEqual([HPKVOperation.GET, HPKVOperation.RANGE]);
  });
});
