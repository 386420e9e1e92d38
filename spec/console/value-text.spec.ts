import { prettyValue, previewValue, storedValue } from '../../lib/console/value-text';

describe('prettyValue', () => {
  it('pretty-prints JSON objects and arrays', () => {
    expect(prettyValue('{"a":1,"b":[true]}')).toBe('{\n  "a": 1,\n  "b": [\n    true\n  ]\n}');
    expect(prettyValue('[1,2]')).toBe('[\n  1,\n  2\n]');
  });
  it('leaves everything else as stored', () => {
    expect(prettyValue('plain text')).toBe('plain text');
    expect(prettyValue('42')).toBe('42');
    expect(prettyValue(42)).toBe('42');
    expect(prettyValue('"quoted"')).toBe('"quoted"');
    expect(prettyValue('null')).toBe('null');
    expect(prettyValue('{broken')).toBe('{broken');
    expect(prettyValue(null)).toBe('');
  });
});

describe('previewValue', () => {
  it('is one line, cut with an ellipsis', () => {
    expect(previewValue('{\n  "a": 1\n}')).toBe('{ "a": 1 }');
    expect(previewValue('x'.repeat(10), 5)).toBe('xxxx…');
    expect(previewValue('xxxxx', 5)).toBe('xxxxx');
  });
  it('says when a key was deleted', () => {
    expect(previewValue(null)).toBe('(deleted)');
  });
});

describe('storedValue', () => {
  it('stores valid JSON compact, so a pretty-printed edit round-trips', () => {
    expect(storedValue(prettyValue('{"a":1,"b":[true]}'))).toBe('{"a":1,"b":[true]}');
    expect(storedValue(' 42 ')).toBe('42');
    expect(storedValue('"text"')).toBe('"text"');
  });
  it('stores anything else as typed', () => {
    expect(storedValue('hello world ')).toBe('hello world ');
    expect(storedValue('{not json')).toBe('{not json');
  });
});
