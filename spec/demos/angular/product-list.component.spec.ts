/**
 * The Angular demo under TestBed, as users test their own components and services: the HPKV
 * client provided with `provideHpkv` over `hpkv-rx/testing`'s in-memory backend, zoneless,
 * on the server testing platform (a DOM in Node). Real time for the component, marbles for the
 * service's stream.
 */
import '@angular/compiler'; // JIT: the demo is compiled at run time here
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { platformServerTesting, ServerTestingModule } from '@angular/platform-server/testing';
import { filter, firstValueFrom } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { provideHpkv } from '../../../lib/angular';
import { createTestBackend, type TestBackend } from '../../../lib/testing';
import { LiveCatalog } from '../../../demos/angular/live-catalog.service';
import { ProductListComponent } from '../../../demos/angular/product-list.component';

const lamp = { id: '1', name: 'Lamp', price: 10 };
const desk = { id: '2', name: 'Desk', price: 99 };

function configure(backend: TestBackend): void {
  TestBed.configureTestingModule({
    providers: [provideZonelessChangeDetection(), provideHpkv(() => backend.subscriptionClient({ subscribePatterns: ['product:*'] }))],
  });
}

describe('the Angular demo', () => {
  beforeAll(() => TestBed.initTestEnvironment(ServerTestingModule, platformServerTesting()));
  afterAll(() => TestBed.resetTestEnvironment());

  it('ProductListComponent shows the catalogue, then each change', async () => {
    const backend = createTestBackend();
    backend.seed({ 'product:1': JSON.stringify(lamp) });
    configure(backend);
    const fixture = TestBed.createComponent(ProductListComponent);
    await fixture.whenStable(); // the catalogue's first read holds stability; nothing else does
    const text = (): string => (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text()).toContain('CONNECTED');
    expect(text()).toContain('Lamp: 10');

    const catalog = TestBed.inject(LiveCatalog);
    await catalog.save(desk);
    await firstValueFrom(catalog.products$.pipe(filter((products) => products.length === 2)));
    await fixture.whenStable();
    expect(text()).toContain('Desk: 99');
    await catalog.remove('1');
    await firstValueFrom(catalog.products$.pipe(filter((products) => products.length === 1)));
    await fixture.whenStable();
    expect(text()).not.toContain('Lamp');
  });

  it('LiveCatalog.products$ in marbles: the catalogue, then each scripted write', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ expectObservable }) => {
      const backend = createTestBackend();
      backend.seed({ 'product:1': JSON.stringify(lamp) });
      backend.writes('--a--b', { a: ['product:2', JSON.stringify(desk)], b: ['product:1', null] });
      configure(backend);
      expectObservable(TestBed.inject(LiveCatalog).products$, '^------!').toBe('a-b--c', { a: [lamp], b: [lamp, desk], c: [desk] });
    });
  });
});
