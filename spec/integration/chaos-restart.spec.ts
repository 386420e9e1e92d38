import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom } from 'rxjs';
import { HPKVClientFactory, type HPKVApiClient } from '../../lib/client';
import { startLocalServer, type LocalServer } from '../../lib/server';
import { chaosConfig } from '../support/chaos-config';
import { CliProcess } from '../support/cli-process';
import { emptyTally, LoadWorker, type LoadTally } from '../support/mixed-load';

const OPERATION_TIMEOUT = 5000;
// Restarting a server (kill -9 included: a new process) takes seconds: attempts for longer than that.
const CONFIG = chaosConfig({ operationTimeout: OPERATION_TIMEOUT, maxDelayBetweenReconnects: 200, maxReconnectAttempts: 200, connectionTimeout: 2000 });

/**
 * The server goes away under a mixed load (SET, ATOMIC, GET from 4 workers on 2 connections, each
 * worker on its own keys, seeded) and comes back on the same port with the same --data file.
 * Counted: every request settles, no acknowledged write is lost, no increment is applied twice
 * (each outcome-unknown write is settled by reading it back).
 */
describe('chaos: the server restarts under load', () => {
  let dir: string;
  const clients: HPKVApiClient[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hpkv-chaos-'));
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the load; `fault` is awaited once the first `before` operations were acknowledged; runs `after` more; then verifies. */
  async function underLoad(baseUrl: string, apiKey: string, fault: () => Promise<void>, before = 300, after = 300): Promise<LoadTally> {
    const tally = emptyTally();
    const connections = [0, 1].map(() => {
      const client = HPKVClientFactory.createApiClient(apiKey, baseUrl, CONFIG);
      clients.push(client);
      return client;
    });
    await Promise.all(connections.map((client) => client.connect()));
    const workers = [0, 1, 2, 3].map((i) => new LoadWorker(connections[i % 2], `w${i}`, 100 + i, tally, OPERATION_TIMEOUT + 2000));
    let target = Number.POSITIVE_INFINITY;
    const running = Promise.all(workers.map((worker) => worker.run(() => tally.acknowledged >= target)));
    while (tally.acknowledged < before) await new Promise<void>((resolve) => setImmediate(resolve));
    await fault();
    target = tally.acknowledged + after;
    await running;
    for (const client of connections) await firstValueFrom(client.state$.pipe(filter((state) => state === 'CONNECTED')));
    for (const worker of workers) await worker.verify();
    return tally;
  }

  const expectClean = (tally: LoadTally): void => {
    expect({ hung: tally.hung, lost: tally.lost, doubleApplied: tally.doubleApplied }).toEqual({ hung: 0, lost: [], doubleApplied: [] });
    expect(tally.issued).toBe(tally.acknowledged + tally.outcomeUnknown + tally.failedClean + tally.hung);
    expect(tally.acknowledged).toBeGreaterThanOrEqual(600);
  };

  it('a graceful restart (in process): 0 hung, 0 acknowledged writes lost, 0 increments applied twice', async () => {
    const dataFile = join(dir, 'store.json');
    let server: LocalServer = await startLocalServer({ port: 0, dataFile });
    const port = Number(new URL(server.baseUrl).port);
    try {
      const tally = await underLoad(server.baseUrl, server.apiKey, async () => {
        await server.close();
        server = await startLocalServer({ port, dataFile });
      });
      expectClean(tally);
    } finally {
      await server.close();
    }
  });

  it('kill -9 of hpkv-local --data: 0 hung, 0 acknowledged writes lost, 0 increments applied twice', async () => {
    const dataFile = join(dir, 'store.json');
    let cli = new CliProcess(['--port', '0', '--data', dataFile]);
    const baseUrl = await cli.baseUrl();
    const port = new URL(baseUrl).port;
    try {
      const tally = await underLoad(baseUrl, 'local-dev-key', async () => {
        expect(await cli.kill('SIGKILL')).toBeNull();
        cli = new CliProcess(['--port', port, '--data', dataFile]);
        await cli.baseUrl();
      });
      expectClean(tally);
    } finally {
      await cli.kill('SIGKILL');
    }
  }, 60_000);
});
