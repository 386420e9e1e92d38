import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version } from '../../package.json';
import { CliProcess } from '../support/cli-process';
import { RawClient } from '../support/raw-client';

const KEY = 'cli-key';

/** Every record of the store, read through RANGE pages. */
async function allRecords(client: RawClient): Promise<Map<string, string>> {
  const records = new Map<string, string>();
  let start = '';
  for (;;) {
    const page = (await client.request({ op: 5, key: start || '\u0000', endKey: '\uffff', limit: 1000 })) as {
      records: { key: string; value: string }[];
      truncated: boolean;
    };
    for (const record of page.records) records.set(record.key, record.value);
    if (!page.truncated) return records;
    start = `${page.records[page.records.length - 1].key}\u0000`;
  }
}

function rest(baseUrl: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('hpkv-local CLI', () => {
  let dir: string;
  let data: string;
  const running: CliProcess[] = [];
  const cli = (args: string[]): CliProcess => {
    const process = new CliProcess(args);
    running.push(process);
    return process;
  };
  const serve = (args: string[] = []): CliProcess => cli(['--port', '0', '--api-key', KEY, '--data', data, ...args]);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hpkv-cli-'));
    data = join(dir, 'store.json');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((process) => process.kill('SIGKILL')));
    await rm(dir, { recursive: true, force: true });
  });

  it('prints its address first, serves, and on SIGTERM folds the journal into --data; the next start loads it', async () => {
    const first = serve();
    const line = await first.firstLine();
    const match = /^hpkv-local listening on (http:\/\/127\.0\.0\.1:\d+) \(api key: cli-key\)$/.exec(line);
    expect(match).not.toBeNull();
    expect((await rest(match![1], 'POST', '/record', { key: 'kept', value: 'across restarts' })).status).toBe(200);
    expect(await first.kill('SIGTERM')).toBe(0);
    expect(JSON.parse(await readFile(data, 'utf8'))).toEqual({ version: 1, records: [['kept', 'across restarts']] });
    expect(await readdir(dir)).toEqual(['store.json']);

    const second = serve();
    const read = await rest(await second.baseUrl(), 'GET', '/record/kept');
    expect(await read.json()).toEqual({ key: 'kept', value: 'across restarts' });
    expect(await second.kill('SIGINT')).toBe(0);
  });

  it('keeps every acknowledged write through kill -9: SET, PATCH, DELETE, ATOMIC over WebSocket, and REST writes', async () => {
    const first = serve();
    const baseUrl = await first.baseUrl();
    const client = await RawClient.open(baseUrl, { apiKey: KEY });
    const expected = new Map<string, string>();
    const acks: Promise<Record<string, unknown>>[] = [];
    // Pipelined, as a busy client sends them: replies are awaited together at the end.
    for (let i = 0; i < 600; i++) {
      acks.push(client.request({ op: 2, key: `set:${i}`, value: `v${i}` }));
      expected.set(`set:${i}`, `v${i}`);
    }
    for (let i = 0; i < 100; i++) {
      acks.push(client.request({ op: 2, key: `doc:${i}`, value: '{"a":1}' }), client.request({ op: 3, key: `doc:${i}`, value: `{"b":${i}}` }));
      expected.set(`doc:${i}`, `{"a":1,"b":${i}}`);
      acks.push(client.request({ op: 4, key: `set:${i}` }));
      expected.delete(`set:${i}`);
      acks.push(client.request({ op: 6, key: 'counter', value: 2 }));
    }
    expected.set('counter', '200');
    const restAcks: Promise<Response>[] = [];
    for (let i = 0; i < 40; i++) {
      restAcks.push(rest(baseUrl, 'POST', '/record', { key: `rest:${i}`, value: { n: i } }));
      expected.set(`rest:${i}`, `{"n":${i}}`);
    }
    restAcks.push(rest(baseUrl, 'POST', '/record/atomic', { key: 'rest:counter', increment: 7 }));
    restAcks.push(rest(baseUrl, 'DELETE', `/record/${encodeURIComponent('set:599')}`));
    expected.set('rest:counter', '7');
    expected.delete('set:599');
    const replies = await Promise.all(acks);
    const restReplies = await Promise.all(restAcks);
    expect(replies.every((reply) => reply.code === 200)).toBe(true);
    expect(restReplies.map((reply) => reply.status).every((status) => status === 200)).toBe(true);
    const acknowledged = replies.length + restReplies.length;
    expect(acknowledged).toBe(1042);

    // The instant the last acknowledgement is in: no clean stop, no chance to save.
    expect(await first.kill('SIGKILL')).toBeNull();
    await client.close();

    const second = serve();
    const reader = await RawClient.open(await second.baseUrl(), { apiKey: KEY });
    expect(await allRecords(reader)).toEqual(expected);
    await reader.close();
  });

  it('keeps every write acknowledged before a kill -9 that lands mid-stream', async () => {
    const first = serve();
    const client = await RawClient.open(await first.baseUrl(), { apiKey: KEY });
    const acknowledged: string[] = [];
    let killed: Promise<number | null> | undefined;
    client.ws.on('message', (text) => {
      const reply = JSON.parse(text.toString()) as { code: number; messageId: number };
      if (reply.code === 200) acknowledged.push(`k:${reply.messageId}`);
      if (acknowledged.length === 1000) killed = first.kill('SIGKILL');
    });
    for (let i = 1; i <= 3000; i++) client.ws.send(JSON.stringify({ op: 2, key: `k:${i}`, value: `v${i}`, messageId: i }));
    await new Promise((resolve) => client.ws.once('close', resolve));
    expect(await killed).toBeNull();
    expect(acknowledged.length).toBeGreaterThanOrEqual(1000);

    const second = serve();
    const stored = await allRecords(await RawClient.open(await second.baseUrl(), { apiKey: KEY }));
    const missing = acknowledged.filter((key) => stored.get(key) !== `v${key.slice(2)}`);
    expect(missing).toEqual([]);
  });

  it('exits 2 with one line naming the path when the --data folder does not exist', async () => {
    const missing = join(dir, 'no-such-folder', 'store.json');
    const process = cli(['--port', '0', '--data', missing]);
    expect(await process.exit()).toBe(2);
    expect(process.stderr.trim().split('\n')).toEqual([expect.stringContaining(`its folder ${join(dir, 'no-such-folder')} does not exist`)]);
    expect(process.stderr).toContain(missing);
  });

  it('refuses a corrupt snapshot, naming the file', async () => {
    await writeFile(data, '{"version":1,"records":[["a"');
    const process = serve();
    expect(await process.exit()).toBe(1);
    expect(process.stderr).toContain(`${data} is not valid JSON`);
  });

  it('refuses a journal damaged before its last record, naming the file and the line', async () => {
    await writeFile(`${data}.journal`, '["a","1"]\n["b",\n["c","3"]\n');
    const process = serve();
    expect(await process.exit()).toBe(1);
    expect(process.stderr).toContain(`${data}.journal line 2 is not valid JSON`);
  });

  it('drops a torn last journal record (a crash mid-append), keeps the rest and starts a clean journal', async () => {
    await writeFile(data, JSON.stringify({ version: 1, records: [['a', 'snapshot']] }));
    await writeFile(`${data}.journal`, '["a","journal"]\n["b","2"]\n["c","never acknow');
    const first = serve();
    const client = await RawClient.open(await first.baseUrl(), { apiKey: KEY });
    expect(await allRecords(client)).toEqual(new Map([['a', 'journal'], ['b', '2']]));
    expect(await client.request({ op: 2, key: 'd', value: '4' })).toMatchObject({ code: 200 });
    expect(await first.kill('SIGKILL')).toBeNull();
    expect(await readFile(`${data}.journal`, 'utf8')).toBe('["d","4"]\n');

    const second = serve();
    const again = await RawClient.open(await second.baseUrl(), { apiKey: KEY });
    expect(await allRecords(again)).toEqual(new Map([['a', 'journal'], ['b', '2'], ['d', '4']]));
  });

  it('removes temporary files an interrupted save left behind, and nothing else', async () => {
    await writeFile(join(dir, 'store.json.4242.1700000000000.tmp'), '{"version":1,"rec');
    await writeFile(join(dir, 'other.json.4242.1700000000000.tmp'), 'not ours');
    const process = serve();
    await process.baseUrl();
    expect((await readdir(dir)).sort()).toEqual(['other.json.4242.1700000000000.tmp', 'store.json.journal']);
  });

  it('prints the package version with --version', async () => {
    const process = cli(['--version']);
    expect(await process.output()).toBe(`${version}\n`);
    expect(await process.exit()).toBe(0);
  });

  it('documents every flag in --help; a bad flag exits 2 with one line pointing to --help', async () => {
    const help = cli(['--help']);
    const usage = await help.output();
    expect(await help.exit()).toBe(0);
    for (const flag of ['--rate-limit N', '--data FILE', '--version']) expect(usage).toContain(flag);

    for (const [args, reason] of [
      [['--port', 'x'], '--port must be an integer'],
      [['--verbose'], "'--verbose'"],
    ] as const) {
      const bad = cli([...args]);
      expect(await bad.exit()).toBe(2);
      const lines = bad.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(reason);
      expect(lines[0]).toContain('hpkv-local --help');
    }
  });
});
