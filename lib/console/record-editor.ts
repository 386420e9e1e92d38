import { catchError, of, type Subscription } from 'rxjs';
import { HPKVError, type HPKVSubscriptionClient } from '../client';
import { describeError } from './describe-error';
import { prettyValue, storedValue, type RecordValue } from './value-text';
import { type ConsoleViews } from './views';

/**
 * View, create, edit, delete and increment one record. Keyboard: opening focuses the value,
 * Escape closes (or backs out of a delete) and gives focus back to where it came from.
 */
export class RecordEditor {
  /** The record open, or undefined for a new one. */
  private key: string | undefined;
  /** The value was edited since it was shown: a change from elsewhere must not overwrite it. */
  private dirty = false;
  private opener: HTMLElement | null = null;
  private read: Subscription | undefined;

  constructor(
    private readonly client: HPKVSubscriptionClient,
    private readonly view: ConsoleViews['editor'],
    /** The record shown changed (undefined: none), for the table to mark its row. */
    private readonly onCurrent: (key: string | undefined) => void,
  ) {
    view.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    view.value.addEventListener('input', () => (this.dirty = true));
    view.increment.addEventListener('click', () => void this.increment());
    view.delete.addEventListener('click', () => {
      view.confirmDelete.hidden = false;
      view.confirmDelete.textContent = `Really delete ${this.currentKey()}`;
      view.confirmDelete.focus();
    });
    view.confirmDelete.addEventListener('click', () => void this.remove());
    view.close.addEventListener('click', () => this.close());
    view.section.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      if (view.confirmDelete.hidden) this.close();
      else this.cancelDelete();
    });
  }

  /** Opens an existing record: read fresh, pretty-printed when it is JSON. */
  openKey(key: string): void {
    this.open(key);
    this.view.value.value = '';
    this.setStatus('Reading…');
    this.read = this.client
      .get$(key)
      .pipe(catchError((error: unknown) => (error instanceof HPKVError && error.code === 404 ? of({ value: null }) : of({ error }))))
      .subscribe((reply) => {
        if ('error' in reply) return this.setStatus(describeError(reply.error), true);
        this.show(reply.value);
        this.setStatus(reply.value === null ? 'This key does not exist (deleted?). Save creates it.' : '');
      });
  }

  /** Opens an empty form for a new key. */
  openNew(): void {
    this.open(undefined);
    this.view.key.value = '';
    this.view.value.value = '';
    this.setStatus('');
    this.view.key.focus();
  }

  /** A change of `key` from a notification: shown unless the user is editing it. */
  apply(key: string, value: RecordValue): void {
    if (key !== this.key || this.view.section.hidden) return;
    if (!this.dirty) return this.show(value);
    this.view.notice.hidden = false;
    this.view.notice.textContent =
      value === null ? 'Another client deleted this key: Save creates it again.' : 'Another client changed this key: Save overwrites that change.';
  }

  close(): void {
    this.read?.unsubscribe();
    this.view.section.hidden = true;
    this.key = undefined;
    this.onCurrent(undefined);
    this.opener?.focus();
    this.opener = null;
  }

  private open(key: string | undefined): void {
    this.read?.unsubscribe();
    const { view } = this;
    // Escape returns the focus to what opened the editor (a row's key, "New key"), not to itself.
    const active = document.activeElement as HTMLElement | null;
    if (active !== null && !view.section.contains(active)) this.opener = active;
    this.key = key;
    this.dirty = false;
    view.section.hidden = false;
    view.title.textContent = key === undefined ? 'New record' : 'Record';
    view.key.value = key ?? '';
    view.key.readOnly = key !== undefined;
    view.delete.disabled = key === undefined;
    view.notice.hidden = true;
    this.cancelDelete();
    this.onCurrent(key);
    if (key !== undefined) view.value.focus();
  }

  private show(value: RecordValue): void {
    this.view.value.value = prettyValue(value);
    this.view.notice.hidden = true;
    this.dirty = false;
  }

  private currentKey(): string {
    return this.key ?? this.view.key.value;
  }

  private async save(): Promise<void> {
    const key = this.currentKey();
    try {
      await this.client.set(key, storedValue(this.view.value.value));
      this.setStatus(`Saved ${key}`);
      if (this.key === undefined) this.open(key);
      this.dirty = false;
      this.view.notice.hidden = true;
    } catch (error) {
      this.setStatus(describeError(error), true);
    }
  }

  private async increment(): Promise<void> {
    const key = this.currentKey();
    try {
      const { newValue } = await this.client.atomicIncrement(key, Number(this.view.incrementBy.value));
      if (this.key === undefined) this.open(key);
      this.show(newValue);
      this.setStatus(`${key} is now ${newValue}`);
    } catch (error) {
      this.setStatus(describeError(error), true);
    }
  }

  private async remove(): Promise<void> {
    const key = this.currentKey();
    try {
      await this.client.delete(key);
      this.setStatus('');
      this.close();
    } catch (error) {
      this.cancelDelete();
      this.setStatus(describeError(error), true);
    }
  }

  private cancelDelete(): void {
    if (this.view.confirmDelete.hidden) return;
    this.view.confirmDelete.hidden = true;
    this.view.delete.focus();
  }

  private setStatus(text: string, isError = false): void {
    this.view.status.textContent = text;
    this.view.status.classList.toggle('error', isError);
  }
}
