import { AuthenticationError } from '../client';
import { describeError } from './describe-error';
import { type ConsoleViews } from './views';

/** The server's answer at `/console/api-key` (relative to the page): the key, or why not. */
async function offeredKey(): Promise<{ apiKey: string } | { reason: string }> {
  try {
    const response = await fetch('api-key', { cache: 'no-store' });
    const body = (await response.json()) as { apiKey?: unknown; error?: unknown };
    if (response.ok && typeof body.apiKey === 'string') return { apiKey: body.apiKey };
    return { reason: typeof body.error === 'string' ? body.error : `The server did not hand out the API key (HTTP ${response.status}).` };
  } catch (error) {
    return { reason: `Could not ask the server for the API key (${describeError(error)}).` };
  }
}

function submitted(view: ConsoleViews['signIn']): Promise<string> {
  return new Promise((resolve) => {
    view.form.addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        resolve(view.apiKey.value);
      },
      { once: true },
    );
  });
}

/**
 * The API key: handed over by the server when it and the browser are this machine only (see
 * the server's console route), otherwise asked for, and checked before it is used.
 */
export async function obtainApiKey(view: ConsoleViews['signIn'], check: (apiKey: string) => Promise<unknown>): Promise<string> {
  const offered = await offeredKey();
  if ('apiKey' in offered) return offered.apiKey;
  view.section.hidden = false;
  view.reason.textContent = offered.reason;
  view.apiKey.focus();
  for (;;) {
    const apiKey = await submitted(view);
    view.error.textContent = '';
    try {
      await check(apiKey);
      view.section.hidden = true;
      return apiKey;
    } catch (error) {
      view.error.textContent = error instanceof AuthenticationError ? 'The server refused this API key: check it and try again.' : describeError(error);
      view.apiKey.select();
    }
  }
}
