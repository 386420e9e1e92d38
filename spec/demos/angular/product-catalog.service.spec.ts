import { TestScheduler } from 'rxjs/testing';
import { createTestBackend } from '../../../lib/testing';
import { ProductCatalogService } from '../../../demos/angular/product-catalog.service';

const ada = { id: '1', name: 'Lamp', price: 10 };
const cheaper = { ...ada, price: 8 };

describe('ProductCatalogService (marble-tested with hpkv-rx/testing)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('product$ shows the stored product, then each change, then null when deleted', () => {
    scheduler.run(({ expectObservable }) => {
      const backend = createTestBackend();
      backend.seed({ 'product:1': JSON.stringify(ada) });
      backend.writes('--a--b', { a: ['product:1', JSON.stringify(cheaper)], b: ['product:1', null] });
      const client = backend.subscriptionClient({ subscribePatterns: ['product:*'] });
      void client.connect();
      const service = new ProductCatalogService(client);
      expectObservable(service.product$('1'), '^------!').toBe('a-b--c', { a: ada, b: cheaper, c: null });
    });
  });

  it('products$ keeps the catalogue current in key order', () => {
    scheduler.run(({ expectObservable }) => {
      const backend = createTestBackend();
      backend.seed({ 'product:2': JSON.stringify({ id: '2', name: 'Desk', price: 99 }) });
      backend.writes('-a', { a: ['product:1', JSON.stringify(ada)] });
      const client = backend.subscriptionClient({ subscribePatterns: ['product:*'] });
      void client.connect();
      const names$ = new ProductCatalogService(client).products$();
      expectObservable(names$, '^---!').toBe('ab', {
        a: [{ id: '2', name: 'Desk', price: 99 }],
        b: [ada, { id: '2', name: 'Desk', price: 99 }],
      });
    });
  });

  it('priceChanges$ reports each write, each notification one 5 ms hop late', () => {
    scheduler.run(({ expectObservable }) => {
      const backend = createTestBackend({ latency: 5 });
      backend.writes('-a 9ms b', { a: ['product:1', JSON.stringify(ada)], b: ['product:1', JSON.stringify(cheaper)] });
      const client = backend.subscriptionClient({ subscribePatterns: ['product:*'] });
      void client.connect();
      const changes$ = new ProductCatalogService(client).priceChanges$();
      // Each notification takes one 5 ms hop from the engine to the client.
      expectObservable(changes$, '^ 30ms !').toBe('------a 9ms b', { a: { id: '1', price: 10 }, b: { id: '1', price: 8 } });
    });
  });

  it('works on a client nobody connected: the service connects it (else live$ would wait for ever)', () => {
    scheduler.run(({ expectObservable }) => {
      const backend = createTestBackend();
      backend.seed({ 'product:1': JSON.stringify(ada) });
      backend.writes('--a', { a: ['product:1', JSON.stringify(cheaper)] });
      const client = backend.subscriptionClient({ subscribePatterns: ['product:*'] });
      const service = new ProductCatalogService(client);
      expectObservable(service.product$('1'), '^----!').toBe('a-b', { a: ada, b: cheaper });
    });
  });

  it('hands a failed connect() to its error handler instead of leaving it unhandled', async () => {
    const backend = createTestBackend();
    const client = backend.subscriptionClient('not-a-token');
    const failed = new Promise<unknown>((resolve) => new ProductCatalogService(client, resolve));
    expect(await failed).toMatchObject({ name: 'AuthenticationError', code: 403 });
    client.destroy();
  });
});
