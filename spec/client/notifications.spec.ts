import { Subject } from 'rxjs';
import { Watchers } from '../../lib/client/notifications';
import { type HPKVNotificationResponse } from '../../lib/protocol';

const note = (key: string): HPKVNotificationResponse => ({ type: 'notification', key, value: 'v', timestamp: 0 });

describe('Watchers', () => {
  it('filters by HPKV pattern rules: exact, glob, regex', () => {
    const source = new Subject<HPKVNotificationResponse>();
    const watchers = new Watchers(source, () => undefined);
    const seen: Record<string, string[]> = { exact: [], glob: [], regex: [] };
    watchers.watch$('product:1').subscribe((n) => seen.exact.push(n.key));
    watchers.watch$('product:*').subscribe((n) => seen.glob.push(n.key));
    watchers.watch$('^order:\\d+$').subscribe((n) => seen.regex.push(n.key));
    for (const key of ['product:1', 'product:a:b', 'product', 'order:12', 'order:x']) source.next(note(key));
    expect(seen).toEqual({ exact: ['product:1'], glob: ['product:1', 'product:a:b'], regex: ['order:12'] });
  });

  it('shares one stream per pattern and drops it when the last subscriber leaves', () => {
    const source = new Subject<HPKVNotificationResponse>();
    const watchers = new Watchers(source, () => undefined);
    const first = watchers.watch$('a*');
    expect(watchers.watch$('a*')).toBe(first);
    const one = first.subscribe();
    const two = first.subscribe();
    expect(source.observed).toBe(true);
    one.unsubscribe();
    two.unsubscribe();
    expect(source.observed).toBe(false);
    expect(watchers.watch$('a*')).not.toBe(first);
  });

  it('reports a throwing observer and keeps delivering to the others', () => {
    const source = new Subject<HPKVNotificationResponse>();
    const reported: string[] = [];
    const watchers = new Watchers(source, (error) => reported.push(error.message));
    const received: string[] = [];
    watchers.watch$('*').subscribe(() => {
      throw new Error('bad observer');
    });
    watchers.watch$('*').subscribe((n) => received.push(n.key));
    source.next(note('a'));
    source.next(note('b'));
    expect(reported).toEqual(['bad observer', 'bad observer']);
    expect(received).toEqual(['a', 'b']);
  });

  it('gives a stream that errors with KeyPatternError (code 400) for an invalid regex', () => {
    const watchers = new Watchers(new Subject(), () => undefined);
    let error: unknown;
    watchers.watch$('^(').subscribe({ error: (caught: unknown) => (error = caught) });
    expect(error).toMatchObject({ name: 'KeyPatternError', code: 400 });
  });
});
