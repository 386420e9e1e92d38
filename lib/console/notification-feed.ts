import { type HPKVNotificationResponse } from '../client';
import { element } from './element';
import { previewValue } from './value-text';

/** Newest first, at most `limit` entries: a busy store costs one <li> per notification, no re-render. */
export class NotificationFeed {
  constructor(
    private readonly list: HTMLOListElement,
    private readonly limit = 100,
  ) {}

  notification({ key, value, timestamp }: HPKVNotificationResponse): void {
    this.add(element('li', {}, time(timestamp), element('strong', { textContent: key }), ` ${value === null ? 'deleted' : `= ${previewValue(value, 200)}`}`));
  }

  /** A connection event, set apart from the data. */
  event(text: string, at = Date.now()): void {
    this.add(element('li', { className: 'event' }, time(at), text));
  }

  private add(item: HTMLLIElement): void {
    this.list.prepend(item);
    if (this.list.childElementCount > this.limit) this.list.lastElementChild?.remove();
  }
}

function time(epochMs: number): HTMLTimeElement {
  const at = new Date(epochMs);
  return element('time', { dateTime: at.toISOString(), textContent: at.toLocaleTimeString() });
}
