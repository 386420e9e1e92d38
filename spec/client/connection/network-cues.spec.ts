import { map } from 'rxjs';
import { runtimeNetworkCues, type NetworkCue } from '../../../lib/client/connection/network-cues';

/** A window-like global: an EventTarget with a document that is an EventTarget too. */
function browserGlobal() {
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const window = Object.assign(new EventTarget(), { document });
  return { window, document };
}

describe('runtimeNetworkCues', () => {
  it.each([
    ['directly', (cues: ReturnType<typeof runtimeNetworkCues>) => cues],
    ['through .pipe(map(x => x))', (cues: ReturnType<typeof runtimeNetworkCues>) => cues.pipe(map((cue) => cue))],
  ])('%s: offline, online, and visibilitychange to visible (not to hidden); listeners removed on unsubscribe', (_way, take) => {
    const { window, document } = browserGlobal();
    const seen: NetworkCue[] = [];
    const subscription = take(runtimeNetworkCues(window)).subscribe((cue) => seen.push(cue));
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(seen).toEqual(['offline', 'online', 'visible']);

    subscription.unsubscribe();
    window.dispatchEvent(new Event('offline'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(seen).toHaveLength(3);
  });

  it('gives nothing where the runtime has no such events (Node), and completes never', () => {
    let emitted = false;
    let completed = false;
    const subscription = runtimeNetworkCues().subscribe({ next: () => (emitted = true), complete: () => (completed = true) });
    expect([emitted, completed]).toEqual([false, false]);
    subscription.unsubscribe();
  });
});
