/**
 * One line of the journal: `["key","value"]` for a write, `["key",null]` for a delete, then
 * `\n`. JSON escapes every newline inside a key or a value, so a record is one line, and a
 * line without its `\n` is a record whose append was cut short.
 */
export function encodeJournalRecord(key: string, value: string | null): string {
  return `${JSON.stringify([key, value])}\n`;
}

/** A journal line as the write it records, or a reason it is not a record. */
export function decodeJournalRecord(line: string): { key: string; value: string | null } | { error: string } {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
  if (!Array.isArray(record) || record.length !== 2 || typeof record[0] !== 'string' || (typeof record[1] !== 'string' && record[1] !== null)) {
    return { error: 'not a [key, value or null] record' };
  }
  return { key: record[0], value: record[1] as string | null };
}
