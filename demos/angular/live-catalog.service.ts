import { inject, Injectable } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map, type Observable } from 'rxjs';
import { HPKV } from '../../lib/angular';
import { type Product } from './product-catalog.service';

const keyOf = (id: string): string => `product:${id}`;

/** A record's value as a product, or nothing if it is not one (a template must not break on bad data). */
function asProducts(value: string): Product[] {
  try {
    return [JSON.parse(value) as Product];
  } catch {
    return [];
  }
}

/**
 * The catalogue over the app's HPKV client (`inject(HPKV)`): streams for templates and marble
 * tests, signals built from them, Promises for event handlers. Everything arrives in the
 * Angular zone (or, zoneless, marks the view), and nothing here keeps the app unstable once the
 * catalogue has been read.
 */
@Injectable({ providedIn: 'root' })
export class LiveCatalog {
  private readonly hpkv = inject(HPKV);

  /** Every product in key order, kept current. */
  readonly products$: Observable<Product[]> = this.hpkv
    .liveRange$('product:', 'product:~')
    .pipe(map((records) => records.flatMap((record) => asProducts(record.value))));

  /** `products$` for templates: empty until the first read. */
  readonly products = toSignal(this.products$, { initialValue: [] });

  /** `CONNECTED`, `RECONNECTING`…, for a status line. */
  readonly connection = toSignal(this.hpkv.state$, { requireSync: true });

  async save(product: Product): Promise<void> {
    await this.hpkv.set(keyOf(product.id), product);
  }

  async remove(id: string): Promise<void> {
    await this.hpkv.delete(keyOf(id));
  }
}
