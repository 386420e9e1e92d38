import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const CLI = resolve(__dirname, '../../lib/server/cli.ts');

/** `hpkv-local` run from source (tsx), as the built file runs, in its own process. */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly stderrChunks: Buffer[] = [];
  private readonly stdoutChunks: Buffer[] = [];
  private readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => this.stderrChunks.push(chunk));
    this.exited = once(this.child, 'exit').then(([code]) => code as number | null);
  }

  /** Resolves with the first stdout line, or rejects with stderr if the process ends first. */
  async firstLine(): Promise<string> {
    const lines = createInterface({ input: this.child.stdout });
    try {
      return await Promise.race([
        once(lines, 'line').then(([line]) => line as string),
        this.exited.then((code) => Promise.reject(new Error(`hpkv-local exited (${code}) before listening: ${this.stderr}`))),
      ]);
    } finally {
      lines.close();
    }
  }

  /** Resolves with the base URL once the server listens. */
  async baseUrl(): Promise<string> {
    const line = await this.firstLine();
    const match = /listening on (http:\S+)/.exec(line);
    if (match === null) throw new Error(`unexpected first line: ${line}`);
    return match[1];
  }

  /** Everything printed on stdout until exit. */
  async output(): Promise<string> {
    this.child.stdout.on('data', (chunk: Buffer) => this.stdoutChunks.push(chunk));
    await this.exited;
    return Buffer.concat(this.stdoutChunks).toString();
  }

  get stderr(): string {
    return Buffer.concat(this.stderrChunks).toString();
  }

  /** The exit code (null when killed by a signal). */
  exit(): Promise<number | null> {
    return this.exited;
  }

  /** Sends `signal` (if still running) and resolves once the process is gone. */
  async kill(signal: NodeJS.Signals): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
