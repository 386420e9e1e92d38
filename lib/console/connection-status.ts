import { startWith, Subscription } from 'rxjs';
import { ConnectionState, type HPKVSubscriptionClient } from '../client';
import { describeError } from './describe-error';
import { type ConsoleViews } from './views';

const LABELS: Record<ConnectionState, string> = {
  [ConnectionState.CONNECTING]: 'connecting…',
  [ConnectionState.CONNECTED]: 'connected',
  [ConnectionState.RECONNECTING]: 'reconnecting…',
  [ConnectionState.DISCONNECTING]: 'disconnecting…',
  [ConnectionState.DISCONNECTED]: 'disconnected',
};

/** The connection state badge (with Reconnect once the client gave up) and the throttling line. */
export function showConnectionStatus(client: HPKVSubscriptionClient, view: ConsoleViews['status']): Subscription {
  const subscription = new Subscription();
  subscription.add(
    client.state$.subscribe((state) => {
      view.connection.dataset.state = state;
      view.connection.textContent = LABELS[state];
      view.reconnect.hidden = state !== ConnectionState.DISCONNECTED;
    }),
  );
  const throttling = client.getThrottlingStatus();
  subscription.add(
    client.throttling$.pipe(startWith(throttling.metrics)).subscribe(({ currentRate, queueLength }) => {
        view.throttling.textContent = throttling.enabled
          ? `throttle ${Math.round(currentRate * 10) / 10}/${throttling.config.rateLimit} req/s, ${queueLength} queued`
          : 'throttling off';
      }),
  );
  const reconnect = (): void => {
    client.connect().catch((error: unknown) => (view.connection.textContent = `disconnected: ${describeError(error)}`));
  };
  view.reconnect.addEventListener('click', reconnect);
  subscription.add(() => view.reconnect.removeEventListener('click', reconnect));
  return subscription;
}
