import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the built console is, seen from the CLI's folder: `dist/console` beside the built
 * `dist/cli.js` (the package), or the clone's `dist/console` when the CLI runs from
 * `lib/server` (`npm run server` builds it first). When neither is built, the first: the
 * console route then says how to build it.
 */
export function findConsoleDir(cliDir: string): string {
  const candidates = [join(cliDir, 'console'), join(cliDir, '..', '..', 'dist', 'console')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0];
}
