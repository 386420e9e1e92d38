/**
 * An Angular-style service over hpkv-rx: streams for templates (`| async`), Promises for event
 * handlers. It connects the client it is given: `live$` and `liveRange$` read once the
 * connection is open, so without `connect()` they would wait for ever. Plain TypeScript so it
 * type-checks without Angular; in an app, add `@Injectable()` and provide the client with a
 * factory (see README). Marble-tested in spec/demos/angular/product-catalog.service.spec.ts with
 * `hpkv-rx/testing`.
 */
import { filter, firstValueFrom, map, type Observable } from 'rxjs';
import { isWatchNotification, type HPKVSubscriptionClient } from '../../lib/client';

export interface Product {
  id: string;
  name: string;
  price: number;
}

const keyOf = (id: string): string => `product:${id}`;

function parse(value: string | number | null): Product | null {
  if (value === null) return null;
  try {
    return JSON.parse(String(value)) as Product;
  } catch {
    return null; // not a product: show nothing rather than break the template
  }
}

export class ProductCatalogService {
  /**
   * @param onConnectError where a failed `connect()` goes (in Angular: `ErrorHandler.handleError`);
   * requests made afterwards say why too.
   */
  constructor(
    private readonly client: HPKVSubscriptionClient,
    onConnectError: (error: unknown) => void = (error) => console.error(error),
  ) {
    // Idempotent: harmless when the app connected the client already.
    client.connect().catch(onConnectError);
  }

  /** One product, live: the current value, then every change; null when deleted. */
  product$(id: string): Observable<Product | null> {
    return this.client.live$(keyOf(id)).pipe(map(parse));
  }

  /** Every product in key order, kept current. */
  products$(): Observable<Product[]> {
    return this.client.liveRange$('product:', 'product:~').pipe(
      map((records) => records.map((record) => parse(record.value)).filter((product): product is Product => product !== null)),
    );
  }

  /** Price changes as they happen (no initial read; changes missed while disconnected are not replayed). */
  priceChanges$(): Observable<{ id: string; price: number | null }> {
    return this.client.watch$('product:*').pipe(
      filter(isWatchNotification),
      map((notification) => ({ id: notification.key.slice('product:'.length), price: parse(notification.value)?.price ?? null })),
    );
  }

  async save(product: Product): Promise<void> {
    await firstValueFrom(this.client.set$(keyOf(product.id), product));
  }

  async remove(id: string): Promise<void> {
    await firstValueFrom(this.client.delete$(keyOf(id)));
  }
}
