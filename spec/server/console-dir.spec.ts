import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { findConsoleDir } from '../../lib/server/console-dir';

const ROOT = resolve(__dirname, '../..');

describe('findConsoleDir', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'hpkv-console-dir-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const built = async (dir: string): Promise<void> => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html>');
  };

  it('finds dist/console beside the built CLI (the package)', async () => {
    await built(join(root, 'dist/console'));
    expect(findConsoleDir(join(root, 'dist'))).toBe(join(root, 'dist/console'));
  });

  it("finds the clone's dist/console when the CLI runs from lib/server", async () => {
    await built(join(root, 'dist/console'));
    expect(findConsoleDir(join(root, 'lib/server'))).toBe(join(root, 'dist/console'));
  });

  it('falls back to the folder beside the CLI when nothing is built (the route then says how to build)', () => {
    expect(findConsoleDir(join(root, 'dist'))).toBe(join(root, 'dist/console'));
  });
});

describe('hpkv-local and its console', () => {
  /** Starts the CLI from source; resolves with its first stdout lines and its base URL. */
  async function startCli(args: string[]): Promise<{ lines: string[]; baseUrl: string; stop(): Promise<void> }> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'lib/server/cli.ts'), '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const reader = createInterface({ input: child.stdout });
    const lines: string[] = [];
    const expected = args.includes('--no-console') ? 1 : 2;
    for await (const line of reader) {
      lines.push(line);
      if (lines.length === expected) break;
    }
    return {
      lines,
      baseUrl: /(http:\S+)/.exec(lines[0])![1],
      async stop() {
        child.kill('SIGTERM');
        await once(child, 'exit');
      },
    };
  }

  it('serves the console and says where, after the address line', async () => {
    const cli = await startCli([]);
    try {
      expect(cli.lines[0]).toMatch(/^hpkv-local listening on http:\/\/127\.0\.0\.1:\d+ \(api key: local-dev-key\)$/);
      expect(cli.lines[1]).toBe(`console: ${cli.baseUrl}/console/`);
      const page = await fetch(`${cli.baseUrl}/console/`);
      // From a clone the console is there once built (npm run server, npm run build); else the page says how.
      if (existsSync(join(ROOT, 'dist/console/index.html'))) {
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      } else {
        expect(page.status).toBe(503);
        expect(await page.text()).toContain('npm run build:console');
      }
    } finally {
      await cli.stop();
    }
  });

  it('--no-console: no console line, no console route', async () => {
    const cli = await startCli(['--no-console']);
    try {
      expect(cli.lines).toHaveLength(1);
      expect((await fetch(`${cli.baseUrl}/console/`)).status).toBe(404);
      expect((await fetch(`${cli.baseUrl}/`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await cli.stop();
    }
  });
});
