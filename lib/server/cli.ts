#!/usr/bin/env node
import { version } from '../../package.json';
import { parseCliOptions, USAGE } from './cli-options';
import { CONSOLE_PATH } from './console-route';
import { findConsoleDir } from './console-dir';
import { DataFileError } from './data-file-error';
import { startLocalServer } from './local-server';

/** Exit status of a command line that cannot be served: a bad flag or an unusable --data path. */
const USAGE_ERROR = 2;

async function main(): Promise<void> {
  const command = parseCliOptions(process.argv.slice(2));
  if (command.kind === 'help') {
    console.log(USAGE);
    return;
  }
  if (command.kind === 'version') {
    console.log(version);
    return;
  }
  if (command.kind === 'error') {
    console.error(`hpkv-local: ${command.message} (see hpkv-local --help)`);
    process.exitCode = USAGE_ERROR;
    return;
  }
  const consoleDir = command.noConsole === true ? undefined : findConsoleDir(__dirname);
  const server = await startLocalServer({ ...command.options, consoleDir });
  console.log(`hpkv-local listening on ${server.baseUrl} (api key: ${server.apiKey})`);
  if (consoleDir !== undefined) console.log(`console: ${server.baseUrl}${CONSOLE_PATH}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    // close() folds the journal into the data file (when --data is set) before the process ends.
    server.close().then(
      () => {
        console.log(`hpkv-local stopped (${signal})${command.options.dataFile ? `, data saved to ${command.options.dataFile}` : ''}`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error('hpkv-local: failed to stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('hpkv-local:', error instanceof Error ? error.message : error);
  process.exit(error instanceof DataFileError && error.code === 'DATA_PATH_INVALID' ? USAGE_ERROR : 1);
});
