import { Component, inject } from '@angular/core';
import { LiveCatalog } from './live-catalog.service';

/** The catalogue, live: each change made anywhere shows here, zoneless or with zone.js. */
@Component({
  selector: 'app-product-list',
  template: `
    <p class="status">{{ catalog.connection() }}</p>
    <ul>
      @for (product of catalog.products(); track product.id) {
        <li>{{ product.name }}: {{ product.price }} <button (click)="catalog.remove(product.id)">remove</button></li>
      }
    </ul>
  `,
})
export class ProductListComponent {
  protected readonly catalog = inject(LiveCatalog);
}
