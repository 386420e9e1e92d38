/** A value as the client returns it: a string (a number for counters on some servers), null when missing. */
export type RecordValue = string | number | null;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** For the editor: JSON objects and arrays pretty-printed, anything else as stored. */
export function prettyValue(value: RecordValue): string {
  if (value === null) return '';
  const text = String(value);
  const parsed = parseJson(text);
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? JSON.stringify(parsed.value, null, 2) : text;
}

/** For the table and the feed: one line, at most `max` characters. */
export function previewValue(value: RecordValue, max = 160): string {
  if (value === null) return '(deleted)';
  const line = String(value).replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** What Save stores: valid JSON compact (so pretty-printing in the editor changes nothing), anything else as typed. */
export function storedValue(text: string): string {
  const parsed = parseJson(text);
  return parsed.ok ? JSON.stringify(parsed.value) : text;
}
