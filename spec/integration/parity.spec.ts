import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HPKVClientFactory as OfficialFactory } from '@hpkv/websocket-client';
import ts from 'typescript';
import { HPKVClientFactory } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';

/** The calls both clients share, by the official SDK's signatures. */
interface Calls {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, partialUpdate?: boolean): Promise<unknown>;
  delete(key: string): Promise<unknown>;
  range(key: string, endKey: string, options?: { limit?: number }): Promise<unknown>;
  atomicIncrement(key: string, value: number): Promise<unknown>;
}

/** Runs one script; each step's outcome without messageId, keys relative to the prefix. */
async function script(client: Calls, p: string): Promise<unknown[]> {
  const steps: (() => Promise<unknown>)[] = [
    () => client.set(`${p}user`, { name: 'Ada', tags: ['a'] }),
    () => client.get(`${p}user`),
    () => client.set(`${p}user`, { tags: ['b'], age: 36 }, true),
    () => client.get(`${p}user`),
    () => client.set(`${p}text`, 'hello'),
    () => client.set(`${p}text`, ' world', true),
    () => client.get(`${p}text`),
    () => client.atomicIncrement(`${p}count`, 5),
    () => client.atomicIncrement(`${p}count`, -7),
    () => client.atomicIncrement(`${p}text`, 1),
    () => client.range(`${p}`, `${p}~`),
    () => client.range(`${p}`, `${p}~`, { limit: 2 }),
    () => client.delete(`${p}user`),
    () => client.get(`${p}user`),
    () => client.delete(`${p}user`),
  ];
  const outcomes: unknown[] = [];
  for (const step of steps) {
    try {
      const { messageId: _id, ...reply } = (await step()) as Record<string, unknown>;
      outcomes.push({ ok: JSON.parse(JSON.stringify(reply).split(p).join('')) as unknown });
    } catch (error) {
      const { name, code, message } = error as { name: string; code?: number; message: string };
      outcomes.push({ error: { name, code, message: message.split(p).join('') } });
    }
  }
  return outcomes;
}

describe('parity with the official SDK', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
  });
  afterAll(() => server.close());

  it('gives the same responses and the same errors for the same script', async () => {
    const official = OfficialFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false } });
    const ours = HPKVClientFactory.createApiClient(server.apiKey, server.baseUrl, { throttling: { enabled: false } });
    await Promise.all([official.connect(), ours.connect()]);
    try {
      const theirs = await script(official, 'official:');
      const mine = await script(ours, 'rx:');
      expect(mine).toEqual(theirs);
      // The script did exercise errors: 400, 404 twice.
      expect(mine.filter((outcome) => 'error' in (outcome as object))).toHaveLength(3);
    } finally {
      await official.disconnect();
      official.destroy();
      ours.destroy();
    }
  });
});

let previous: ts.Program | undefined;

/** The type errors of one file compiled with the project's settings, its text given. */
function typeErrors(fileName: string, text: string): string[] {
  const root = join(__dirname, '../..');
  const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile.bind(host);
  host.readFile = (path) => (path === fileName ? text : readFile(path));
  // The previous program lends its unchanged files (node, jest, rxjs typings…): a faster second compile.
  const program = ts.createProgram([fileName], { ...options, noEmit: true }, host, previous);
  previous = program;
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName === fileName)
    .map((diagnostic) => `${diagnostic.start}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}

describe('parity with the official SDK: types', () => {
  // The same user code, only its import changed (spec/client/official-sdk-user-code.ts).
  const fileName = join(__dirname, '../client/official-sdk-user-code.ts');
  const source = readFileSync(fileName, 'utf8');

  it('the user code really is written against the official typings: it compiles with them', () => {
    const againstOfficial = source.replace("from '../../lib/client';", "from '@hpkv/websocket-client';");
    expect(againstOfficial).not.toBe(source);
    expect(typeErrors(fileName, againstOfficial)).toEqual([]);
  }, 60_000);

  it('and compiles unchanged against hpkv-rx', () => {
    expect(typeErrors(fileName, source)).toEqual([]);
  }, 60_000);
});
