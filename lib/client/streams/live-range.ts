import { concat, filter, map, merge, of, reduce, scan, startWith, type Observable } from 'rxjs';
import { compareKeys, type HPKVRangeRecord } from '../../protocol';
import { type LiveSource, type LiveValue, liveValues } from './live';
import { type LiveState } from './live-state';
import { scanRange$, type ScanOptions } from './range-scan';
import { readOnEachOpen, type Down } from './read-on-each-open';

type RangeEvent = { type: 'reading' } | { type: 'snapshot'; records: HPKVRangeRecord[] } | { type: 'change'; key: string; value: LiveValue } | Down;

interface RangeState {
  records: Map<string, string>;
  reading: boolean;
  /** Changes seen while a read was in progress, re-applied on top of its snapshot. */
  duringRead: { key: string; value: LiveValue }[];
  /** The records in key order, once a snapshot was read; the same array while they do not change. */
  view: HPKVRangeRecord[] | undefined;
  stale: boolean;
  /** Whether this event changed what is emitted. */
  changed: boolean;
}

function apply(records: Map<string, string>, key: string, value: LiveValue): void {
  if (value === null) records.delete(key);
  else records.set(key, String(value));
}

const sorted = (records: Map<string, string>): HPKVRangeRecord[] => [...records].sort(([a], [b]) => compareKeys(a, b)).map(([key, value]) => ({ key, value }));

function step(state: RangeState, event: RangeEvent): RangeState {
  state.changed = false;
  if (event.type === 'down') {
    state.changed = !state.stale;
    state.stale = true;
  } else if (event.type === 'reading') {
    state.reading = true;
    state.duringRead = [];
  } else if (event.type === 'snapshot') {
    state.records = new Map(event.records.map((record) => [record.key, record.value]));
    for (const change of state.duringRead) apply(state.records, change.key, change.value);
    state.reading = false;
    state.duringRead = [];
    state.view = sorted(state.records);
    state.stale = false;
    state.changed = true;
  } else {
    if (state.reading) state.duringRead.push(event);
    apply(state.records, event.key, event.value);
    if (state.view !== undefined) {
      state.view = sorted(state.records);
      state.changed = true;
    }
  }
  return state;
}

/**
 * The records of `[start, end]` in UTF-8 byte order with whether they are current, kept current
 * from notifications (insert, update, delete) and re-read after every reconnect (paging past
 * the server's 1000-record limit). `{ value: undefined, stale: true }` at once; stale from the
 * moment the connection stops being open until the re-read has completed. Changes that arrive
 * during a read are re-applied on top of its snapshot, so a page read before a change cannot
 * bring back an old value.
 */
export function liveRangeState$(source: LiveSource, start: string, end: string, options?: ScanOptions): Observable<LiveState<HPKVRangeRecord[]>> {
  const inRange = (key: string): boolean => compareKeys(start, key) <= 0 && compareKeys(key, end) <= 0;
  const changes$ = source.notifications$.pipe(
    filter((notification) => inRange(notification.key)),
    map((notification): RangeEvent => ({ type: 'change', key: notification.key, value: notification.value })),
  );
  const reads$ = readOnEachOpen(source.state$, () =>
    concat(
      of<RangeEvent>({ type: 'reading' }),
      scanRange$(source, start, end, options).pipe(
        reduce((all, page) => all.concat(page), [] as HPKVRangeRecord[]),
        map((records): RangeEvent => ({ type: 'snapshot', records })),
      ),
    ),
  );
  const initial = (): RangeState => ({ records: new Map(), reading: false, duringRead: [], view: undefined, stale: true, changed: false });
  return merge(changes$, reads$).pipe(
    // A fresh state object per subscription: scan's seed is shared, so it is made on first use.
    scan((state: RangeState | undefined, event: RangeEvent) => step(state ?? initial(), event), undefined),
    filter((state): state is RangeState => state !== undefined && state.changed),
    map((state): LiveState<HPKVRangeRecord[]> => ({ value: state.view, stale: state.stale })),
    startWith<LiveState<HPKVRangeRecord[]>>({ value: undefined, stale: true }),
  );
}

/**
 * The records of `[start, end]` in key order, kept current; re-read after each reconnect:
 * `liveRangeState$`'s values.
 */
export function liveRange$(source: LiveSource, start: string, end: string, options?: ScanOptions): Observable<HPKVRangeRecord[]> {
  return liveRangeState$(source, start, end, options).pipe(liveValues());
}
