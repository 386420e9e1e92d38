import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** A local server in its own process, so it never competes with the client being measured. */
export interface ServerProcess {
  baseUrl: string;
  apiKey: string;
  pid: number;
  /** Issues a token through the HTTP endpoint. */
  token(subscribePatterns: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** @param cli the `hpkv-local` entry to run: this checkout's by default, another's to compare. */
export async function spawnServer(args: string[] = [], cli = resolve(__dirname, '../../lib/server/cli.ts')): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  const match = /listening on (\S+) \(api key: (.+)\)$/.exec(line);
  if (match === null) throw new Error(`unexpected first line from hpkv-local: ${line}`);
  const [, baseUrl, apiKey] = match;
  return {
    baseUrl,
    apiKey,
    pid: child.pid!,
    async token(subscribePatterns) {
      const response = await fetch(`${baseUrl}/token/websocket`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ subscribePatterns }),
      });
      return ((await response.json()) as { token: string }).token;
    },
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
