import { parseArgs } from 'node:util';
import { checkCorsOrigin } from './cors';
import { type LocalServerOptions } from './local-server';

/** Usage text of `hpkv-local --help`. */
export const USAGE = `Usage: hpkv-local [options]

A local HPKV server: the HPKV WebSocket protocol at /ws, subscription tokens at
POST /token/websocket and the REST API, in memory, for development, demos and CI.

Options:
  --port N          port to listen on; 0 picks a free port          (default 3000)
  --host HOST       interface to listen on                          (default 127.0.0.1)
  --api-key KEY     API key clients must present                    (default local-dev-key)
  --rate-limit N    requests per second per connection, over it 429 (default off; HPKV free tier: 10)
  --token-ttl S     lifetime of subscription tokens in seconds      (default 7200)
  --data FILE       keep the store in FILE across restarts: every write is on
                    disk (FILE.journal) before it is acknowledged, so even a
                    crash loses none; folded into FILE on SIGINT/SIGTERM
  --cors ORIGIN     let a browser app on ORIGIN (or * for any) call the HTTP
                    routes: token minting and REST                  (default off)
  --no-console      do not serve the web console at /console/
  --version         print the version
  -h, --help        show this help

The first line on stdout is: hpkv-local listening on http://HOST:PORT (api key: KEY)`;

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string }
  | { kind: 'serve'; options: LocalServerOptions; /** `--no-console`: no web console. */ noConsole?: boolean };

function integer(name: string, text: string | undefined, min: number): number | string | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= min ? value : `--${name} must be an integer >= ${min}, got ${JSON.stringify(text)}`;
}

/** Parses `hpkv-local`'s arguments. Never throws: a bad flag is `{ kind: 'error' }`. */
export function parseCliOptions(argv: string[]): CliCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        'rate-limit': { type: 'string' },
        'token-ttl': { type: 'string' },
        data: { type: 'string' },
        cors: { type: 'string' },
        'no-console': { type: 'boolean' },
        version: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  const port = integer('port', values.port as string | undefined, 0);
  const rateLimit = integer('rate-limit', values['rate-limit'] as string | undefined, 1);
  const tokenTtl = integer('token-ttl', values['token-ttl'] as string | undefined, 1);
  for (const checked of [port, rateLimit, tokenTtl]) if (typeof checked === 'string') return { kind: 'error', message: checked };
  if (typeof port === 'number' && port > 65535) return { kind: 'error', message: '--port must be at most 65535' };
  const apiKey = values['api-key'] as string | undefined;
  if (apiKey === '') return { kind: 'error', message: '--api-key must not be empty' };
  const cors = values.cors as string | undefined;
  const corsError = cors === undefined ? undefined : checkCorsOrigin(cors);
  if (corsError !== undefined) return { kind: 'error', message: `--${corsError}` };
  return {
    kind: 'serve',
    options: {
      port: (port as number | undefined) ?? 3000,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      apiKey: apiKey ?? 'local-dev-key',
      rateLimit: rateLimit as number | undefined,
      tokenTtlSeconds: tokenTtl as number | undefined,
      dataFile: values.data as string | undefined,
      cors,
    },
    noConsole: values['no-console'] as boolean | undefined,
  };
}
