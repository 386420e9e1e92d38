import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';

/** What the figures were measured on, with and against. */
export interface Environment {
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  versions: Record<string, string>;
  /** The hpkv-rx commit measured, `+` when the worktree had uncommitted changes. */
  commit: string;
  /** One-minute load averages: other work on the machine skews the figures. */
  load: { start: number; end?: number };
}

const root = resolve(__dirname, '../..');

async function version(name: string): Promise<string> {
  const path = resolve(root, 'node_modules', name, 'package.json');
  return (JSON.parse(await readFile(path, 'utf8')) as { version: string }).version;
}

function commit(): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'lib').length > 0 ? '+' : ''}`;
  } catch {
    return 'unknown';
  }
}

export async function environment(): Promise<Environment> {
  return {
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    versions: {
      '@hpkv/websocket-client': await version('@hpkv/websocket-client'),
      ws: await version('ws'),
      rxjs: await version('rxjs'),
    },
    commit: commit(),
    load: { start: loadavg()[0] },
  };
}
