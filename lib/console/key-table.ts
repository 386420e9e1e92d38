import { element } from './element';
import { previewValue, type RecordValue } from './value-text';

/** What a page of the table shows and is responsible for. */
export interface TablePage {
  prefix: string;
  records: { key: string; value: RecordValue }[];
  /** Keys in `[start, end]` under the prefix belong to this page (new ones are inserted). */
  bounds: { start: string; end: string };
}

/**
 * One page of keys. A change touches only its row: updated in place, removed, or inserted in
 * key order; the rest of the page is never rebuilt, however busy the store.
 */
export class KeyTable {
  private readonly rows = new Map<string, HTMLTableRowElement>();
  private page: TablePage = { prefix: '', records: [], bounds: { start: '', end: '' } };
  private flip = false;

  constructor(
    private readonly body: HTMLTableSectionElement,
    open: (key: string) => void,
  ) {
    // One listener for every row; each key is a <button>, so Enter and Space open it too.
    body.addEventListener('click', (event) => {
      const key = (event.target as Element).closest<HTMLElement>('button.key')?.closest('tr')?.dataset.key;
      if (key !== undefined) open(key);
    });
  }

  /** Replaces the page (a page load: the only full render). */
  show(page: TablePage): void {
    this.page = page;
    this.rows.clear();
    const fragment = document.createDocumentFragment();
    for (const { key, value } of page.records) fragment.append(this.createRow(key, value));
    this.body.replaceChildren(fragment);
  }

  /** A change from a notification (null: deleted). */
  apply(key: string, value: RecordValue): void {
    const row = this.rows.get(key);
    if (row !== undefined) {
      if (value === null) {
        // Keyboard users keep their place: focus moves to a neighbour rather than to <body>.
        if (row.contains(document.activeElement)) (row.nextElementSibling ?? row.previousElementSibling)?.querySelector('button')?.focus();
        row.remove();
        this.rows.delete(key);
      } else {
        row.cells[1].textContent = previewValue(value);
        this.flash(row);
      }
      return;
    }
    if (value === null || !this.belongs(key)) return;
    // Rows are in key order: the new one goes before the first greater key.
    const before = Array.from(this.body.rows).find((other) => other.dataset.key! > key) ?? null;
    const created = this.createRow(key, value);
    this.body.insertBefore(created, before);
    this.flash(created);
  }

  /** Marks the row being edited (and only it). */
  markCurrent(key: string | undefined): void {
    for (const [rowKey, row] of this.rows) row.setAttribute('aria-current', String(rowKey === key));
  }

  private belongs(key: string): boolean {
    // String order is UTF-16 order, which equals HPKV's UTF-8 byte order except between astral
    // characters and U+E000–U+FFFF: at worst such a new key is placed as its page is reloaded.
    const { prefix, bounds } = this.page;
    return key.startsWith(prefix) && bounds.start <= key && key <= bounds.end;
  }

  private createRow(key: string, value: RecordValue): HTMLTableRowElement {
    const row = element(
      'tr',
      {},
      element('th', { scope: 'row' }, element('button', { type: 'button', className: 'key', textContent: key, title: key })),
      element('td', { className: 'value', textContent: previewValue(value) }),
    );
    row.dataset.key = key;
    this.rows.set(key, row);
    return row;
  }

  /** Highlights a changed row; alternating two animations restarts it without forcing layout. */
  private flash(row: HTMLTableRowElement): void {
    this.flip = !this.flip;
    row.classList.remove('flash-a', 'flash-b');
    row.classList.add(this.flip ? 'flash-a' : 'flash-b');
  }
}
