import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const CLI = resolve(__dirname, '../../lib/server/cli.ts');

/** Runs the CLI from source (tsx), as `hpkv-local` runs the built file. */
function runCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

describe('hpkv-local CLI', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hpkv-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prints its address first, serves, and saves --data on SIGTERM; the next start loads it', async () => {
    const data = join(dir, 'store.json');
    const first = runCli(['--port', '0', '--api-key', 'cli-key', '--data', data]);
    const line = await firstLine(first);
    const match = /^hpkv-local listening on (http:\/\/127\.0\.0\.1:\d+) \(api key: cli-key\)$/.exec(line);
    expect(match).not.toBeNull();
    const baseUrl = match![1];
    const write = await fetch(`${baseUrl}/record`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'cli-key' },
      body: JSON.stringify({ key: 'kept', value: 'across restarts' }),
    });
    expect(write.status).toBe(200);
    first.kill('SIGTERM');
    const [code] = (await once(first, 'exit')) as [number];
    expect(code).toBe(0);
    expect(JSON.parse(await readFile(data, 'utf8'))).toEqual({ version: 1, records: [['kept', 'across restarts']] });

    const second = runCli(['--port', '0', '--api-key', 'cli-key', '--data', data]);
    const secondUrl = /(http:\S+)/.exec(await firstLine(second))![1];
    const read = await fetch(`${secondUrl}/record/kept`, { headers: { 'x-api-key': 'cli-key' } });
    expect(await read.json()).toEqual({ key: 'kept', value: 'across restarts' });
    second.kill('SIGINT');
    expect((await once(second, 'exit'))[0]).toBe(0);
  });

  it('documents every flag in --help and exits 2 on a bad flag', async () => {
    const help = runCli(['--help']);
    const chunks: Buffer[] = [];
    help.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    expect((await once(help, 'exit'))[0]).toBe(0);
    expect(Buffer.concat(chunks).toString()).toContain('--rate-limit N');

    const bad = runCli(['--port', 'x']);
    const errors: Buffer[] = [];
    bad.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    expect((await once(bad, 'exit'))[0]).toBe(2);
    expect(Buffer.concat(errors).toString()).toContain('--port must be an integer');
  });
});
