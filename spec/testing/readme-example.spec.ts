import { TestScheduler } from 'rxjs/testing';
import { createTestBackend } from '../../lib/testing';

/** The README's "Testing your code" example, verbatim, so the README cannot drift from the kit. */
describe('README marble example', () => {
  it('shows the product, its change, then null', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ expectObservable }) => {
      const backend = createTestBackend(); // { latency?: ms per hop }
      backend.seed({ 'product:1': 'lamp' });
      backend.writes('--a--b', { a: ['product:1', 'desk'], b: ['product:1', null] }); // null deletes
      const client = backend.subscriptionClient({ subscribePatterns: ['product:*'] });
      void client.connect();
      expectObservable(client.live$('product:1'), '^------!').toBe('a-b--c', { a: 'lamp', b: 'desk', c: null });
    });
  });
});
