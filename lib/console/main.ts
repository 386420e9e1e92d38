import { filter, skip } from 'rxjs';
import { obtainApiKey } from './api-key';
import { showConnectionStatus } from './connection-status';
import { createConsoleClient, mintToken } from './console-client';
import { describeError } from './describe-error';
import { KeyBrowser } from './key-browser';
import { NotificationFeed } from './notification-feed';
import { RecordEditor } from './record-editor';
import { findViews } from './views';

/** The hpkv-local console: everything it does goes through hpkv-rx's public API, in the browser. */
async function start(): Promise<void> {
  const views = findViews(document);
  const origin = location.origin;
  const apiKey = await obtainApiKey(views.signIn, (key) => mintToken(key, origin));
  const client = createConsoleClient(apiKey, origin);
  addEventListener('pagehide', () => client.destroy());

  showConnectionStatus(client, views.status);
  const feed = new NotificationFeed(views.feed.list);
  const browser = new KeyBrowser(client, views.keys, (key) => editor.openKey(key));
  const editor = new RecordEditor(client, views.editor, (key) => browser.table.markCurrent(key));
  views.keys.newKey.addEventListener('click', () => editor.openNew());

  client.notifications$.subscribe((notification) => {
    feed.notification(notification);
    editor.apply(notification.key, notification.value);
  });
  client.events$.subscribe((event) => {
    if (event.type === 'disconnected' && !event.gracefully) feed.event(`connection lost (${event.reason}); changes until it is back are not in this feed`);
    if (event.type === 'reconnectFailed') feed.event(`gave up reconnecting: ${event.error.message}`);
  });
  // HPKV replays nothing after a reconnect: read the page again instead of showing stale rows.
  client.events$.pipe(filter((event) => event.type === 'connected'), skip(1)).subscribe(() => {
    feed.event('reconnected');
    browser.reload();
  });

  views.keys.section.hidden = false;
  views.feed.section.hidden = false;
  // Requests made while connecting wait for the connection, so the first page is asked for at once.
  client.connect().catch((error: unknown) => feed.event(`could not connect: ${describeError(error)}`));
  browser.browse(views.keys.prefix.value, Number(views.keys.pageSize.value));
  views.keys.prefix.focus();
}

start().catch((error: unknown) => {
  document.body.prepend(Object.assign(document.createElement('p'), { className: 'error', role: 'alert', textContent: describeError(error) }));
});
